"""Benchmarks of ctg: see bench/README.md."""
