"""The ``ctg`` command line: parses options, calls the core, renders, exits.

One module per command group; each imports its heavy dependencies (pydantic,
rich) inside the command, so that ``ctg --help`` starts instantly.
"""

from __future__ import annotations

import sys

from ctgplan.cli import (  # noqa: F401  (registers the commands)
    check,
    diff,
    find,
    importing,
    record,
    repo,
    report,
    status,
)
from ctgplan.cli.common import app
from ctgplan.i18n import _
from ctgplan.problems import CtgError

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``ctg`` script."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower() != "utf-8":
            reconfigure(encoding="utf-8")
    try:
        app()
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
