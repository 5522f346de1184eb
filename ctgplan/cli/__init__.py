"""The ``ctg`` command line: parses options, calls the core, renders, exits.

One module per command group; each imports its heavy dependencies (pydantic,
rich) inside the command, so that ``ctg --help`` starts instantly.

``ctg NAME …`` imports and builds only the module that defines NAME (:data:`COMMANDS`):
Typer builds every registered command (its parameters read from the function's
signature) at each run. The help page, shell completion, an unknown name and
``ctgplan.cli.app`` get every command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Any

from ctgplan.cli import help_page
from ctgplan.i18n import _

__all__ = ["COMMANDS", "app", "main"]

COMMANDS = {
    "check": "check",
    "diff": "diff",
    "list": "find", "show": "find", "themes": "find", "partners": "find",
    "indicators": "find",
    "import": "importing", "import-values": "importing",
    "record": "record", "history": "record",
    "schema": "repo", "init": "repo",
    "report": "report",
    "status": "status", "todo": "status",
}
"""The module of ``ctgplan.cli`` that defines each command (``tests/test_cli_lazy.py``)."""

MODULES = ("check", "diff", "find", "importing", "record", "repo", "report", "status")
"""Every command module, in the order of the help page."""


def _modules_for(argv: Sequence[str]) -> Sequence[str]:
    """The command modules a run with these arguments needs."""
    if any(key.endswith("_COMPLETE") and key.startswith("_") for key in os.environ):
        return MODULES  # shell completion may ask about any command
    for arg in argv:
        if arg == "--":
            break
        if not arg.startswith("-"):
            module = COMMANDS.get(arg)
            return (module,) if module else MODULES
    return MODULES


def _register(modules: Sequence[str]) -> Any:
    for module in modules:
        import_module(f"ctgplan.cli.{module}")
    from ctgplan.cli.common import app as the_app

    return the_app


def __getattr__(name: str) -> Any:
    if name == "app":  # ``from ctgplan.cli import app``: every command
        return _register(MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point of the ``ctg`` script."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower() != "utf-8":
            reconfigure(encoding="utf-8")
    page = help_page.cached(sys.argv[1:])
    if page is not None:
        sys.stdout.write(page + "\n")
        return
    from ctgplan.problems import CtgError

    try:
        _register(_modules_for(sys.argv[1:]))()
    except CtgError as exc:  # pragma: no cover - commands catch it themselves
        sys.stderr.write(_("ctg: error: {message}").format(message=exc) + "\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write(_("ctg: interrupted") + "\n")
        sys.exit(130)
    except Exception as exc:  # a bug: say so briefly; CTG_DEBUG=1 shows the traceback
        import os

        if os.environ.get("CTG_DEBUG"):
            raise
        sys.stderr.write(_("ctg: internal error ({error}). This is a bug in ctg: please report "
                           "it with the command you ran; set CTG_DEBUG=1 to see the details."
                           ).format(error=f"{type(exc).__name__}: {exc}") + "\n")
        sys.exit(70)
