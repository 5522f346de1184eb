"""ctg: run a Convention Territoriale Globale (CTG) action plan.

The package is a core that never prints, with a thin command-line interface on
top (``ctgplan.cli``); ARCHITECTURE.md lists the modules, layer by layer.
"""
