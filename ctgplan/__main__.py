"""Allow ``python -m ctgplan``."""

from ctgplan.cli import main

main()
