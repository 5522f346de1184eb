"""What every renderer returns: the text for stdout and the diagnostics for stderr."""

from __future__ import annotations

from typing import NamedTuple


class Rendered(NamedTuple):
    """A command's output: data for stdout, a verdict or a note for stderr."""

    out: str
    err: str = ""
