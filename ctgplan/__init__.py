"""ctg: run a Convention Territoriale Globale (CTG) action plan.

The package is a core that never prints (load, model, checks, query, store,
report) with a thin command-line interface on top (``ctgplan.cli``).
"""
