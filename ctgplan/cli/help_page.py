"""``ctg --help`` printed from the cache: the main help page without importing Typer.

Importing Typer alone costs about seven times starting Python (``python -c pass``), and
building the page imports and reads every command. The page depends on nothing but
ctg's own code and catalogs, the language, the width Click lays it out to and the
name the program was started by, so it is kept as printed, under all four: every cache
entry's header holds ctg's code identity and the language (:mod:`ctgplan.cache`), and
its key the width and the program's name as Click works them out. When any of them
differs, or the cache is off or unreadable, the page is made by Typer as usual (and
kept for the next time). ``tests/test_help_page.py`` proves a page for another width,
language, program name or code is never printed.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HELP = (["--help"], ["-h"])
"""The command lines that ask for the main help page and nothing else."""

_SOURCE = Path(__file__)
"""Where the page's entry sits in the cache (entries are named after a file)."""


def _key(argv: Sequence[str]) -> list[Any] | None:
    """What the page depends on besides the code and the language; None: not the page."""
    if list(argv) not in HELP:
        return None
    main = sys.modules.get("__main__")
    width = max(min(shutil.get_terminal_size().columns, 80) - 2, 50)  # as Click's formatter
    return [list(argv), width, sys.argv[0], getattr(main, "__package__", None), os.name]


def _kind(key: list[Any]) -> str:
    """One entry per width and program name: a terminal resized back and forth, or ``ctg``
    beside ``python -m ctgplan``, keeps each page."""
    import hashlib
    import json

    return "help-" + hashlib.sha256(json.dumps(key).encode()).hexdigest()[:12]


def cached(argv: Sequence[str]) -> str | None:
    """The page as printed before for the same code, language, width and name, else None."""
    key = _key(argv)
    if key is None:
        return None
    from ctgplan import cache

    items = cache.read(_kind(key), _SOURCE, key)
    if not items or not isinstance(items[0], str):
        return None
    return items[0]


def remember(argv: Sequence[str], page: str) -> None:
    """Keep the page Typer has just made for ``argv``."""
    key = _key(argv)
    if key is not None:
        from ctgplan import cache

        cache.write(_kind(key), _SOURCE, key, [page])
