"""The wheel and sdist users install hold every module and data file of the package."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "ctgplan"
DATA_SUFFIXES = {".json", ".yaml", ".yml", ".md", ".mo", ".html", ".css", ".j2", ".typed"}


def _package_files() -> set[str]:
    """Every module and data file under ctgplan/, as paths inside a wheel."""
    found = set()
    for path in PACKAGE.rglob("*"):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py" or path.suffix in DATA_SUFFIXES or path.parent.name == "repo":
            found.add(path.relative_to(ROOT).as_posix())
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel and sdist, built from this checkout as `python -m build` does."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out),
                    str(ROOT)], check=True, capture_output=True)
    return out


def test_every_module_and_data_file_is_in_the_wheel(built: Path) -> None:
    """A module or template missing from the wheel breaks every non-editable install."""
    [wheel] = built.glob("ctgplan-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _package_files()
    assert "ctgplan/cli/__init__.py" in expected  # the subpackage that was once left out
    assert "ctgplan/plan.schema.json" in expected
    assert "ctgplan/locale/fr/LC_MESSAGES/ctg.mo" in expected  # ctg speaks French installed
    assert sorted(expected - names) == []


def test_the_sdist_rebuilds_the_same_package(built: Path) -> None:
    """The sdist holds the package, the README and the project file."""
    [sdist] = built.glob("ctgplan-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"pyproject.toml", "README.md"} <= names
    assert sorted(_package_files() - names) == []
