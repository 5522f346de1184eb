"""Shared fixtures: small plans written to a temporary folder."""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_PLAN = ROOT / "data" / "plan.yaml"
CTG = shutil.which("ctg", path=str(Path(sys.executable).parent)) or "ctg"
"""The installed `ctg` script beside this Python (ctg.exe on Windows)."""

MINIMAL_PLAN = """\
plan:
  title: Plan test
  territory: CCTEST
  adopted: 2025-11-24
  period: 2025-2028
themes:
  - {id: PAR, label: PARENTALITÉ}
  - {id: NUM, label: INCLUSION NUMERIQUE}
partners:
  - id: caf
    name: CAF
    aliases: [CAFY]
  - id: sas
    name: Service Affaires Sociales
needs:
  - {id: besoin, text: Un besoin}
objectives:
  - {id: objectif, text: Un objectif}
actions:
  - id: PAR-1
    theme: PAR
    need: besoin
    objective: objectif
    action: Organiser des réunions
    lead: sas
    partners: [caf]
    indicators:
      - {id: QT1, kind: quantitative, unit: count, label: Nombre de réunions}
      - {id: QL1, kind: qualitative, label: Satisfaction}
    calendar: 2026-2027
"""


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own empty cache folder (never the user's)."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CTG_CACHE_DIR", str(folder))
    monkeypatch.delenv("CTG_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a text (dedented) to a file in tmp_path and return its path."""

    def _write(text: str, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8", newline="\n")
        return path

    return _write


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests expect English unless they ask for French: the machine's locale never decides."""
    monkeypatch.setenv("CTG_LANG", "en")
