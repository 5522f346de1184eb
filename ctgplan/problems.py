"""Problems found in a file: small records with a location, never exceptions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Level(str, Enum):
    """How serious a problem is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    """Information: never fails a check, even with ``--strict`` (follow-up after a calendar)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, located in a file (line and column are 1-based; 0 means unknown)."""

    file: str
    line: int
    col: int
    level: Level
    code: str
    message: str

    def as_dict(self) -> dict[str, object]:
        """The problem as a JSON-ready mapping (a stable contract)."""
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "level": self.level.value,
            "code": self.code,
            "message": self.message,
        }

    def as_list(self) -> list[object]:
        """The problem as a JSON list: the cache's only form of a problem."""
        return [self.file, self.line, self.col, self.level.value, self.code, self.message]

    @classmethod
    def from_list(cls, item: list[Any]) -> Problem:
        """The problem ``as_list`` gave."""
        file, line, col, level, code, message = item
        return cls(file, line, col, Level(level), code, message)


class CtgError(Exception):
    """A situation the tool cannot go on from (missing file, unknown id, write failure).

    The command-line interface catches it in one place, prints it and exits 1.
    """



class UsageError(CtgError):
    """The command line names something that does not exist (a plan file): exit status 2."""
