"""`ctg --help` from the cache: the same page, without Typer; never a page made for others."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
sys.argv = json.loads(sys.argv[1])
from ctgplan.cli import main
code = 0
try:
    main()
except SystemExit as exit:
    code = exit.code or 0
sys.stdout.flush()
sys.stderr.write(json.dumps({"typer": "typer" in sys.modules, "code": code}))
"""


def run(cache: Path | None, argv: list[str], **env: str) -> tuple[str, bool]:
    """The page printed by ``argv`` (program name first) and whether Typer was imported."""
    environ = {k: v for k, v in os.environ.items()
               if k not in {"CTG_NO_CACHE", "CTG_CACHE_DIR", "COLUMNS"}}
    environ.update({"CTG_LANG": "en", "COLUMNS": "100", **env})
    if cache is None:
        environ["CTG_NO_CACHE"] = "1"
    else:
        environ["CTG_CACHE_DIR"] = str(cache)
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv)], env=environ,
                          capture_output=True, text=True, encoding="utf-8", check=True)
    status = json.loads(done.stderr)
    assert status["code"] == 0
    return done.stdout, status["typer"]


def test_the_second_page_comes_from_the_cache(tmp_path: Path) -> None:
    """Same bytes as Typer's page, and Typer not imported the second time."""
    fresh, _typer = run(None, ["ctg", "--help"])
    assert fresh.startswith("Usage: ctg [OPTIONS] COMMAND [ARGS]...\n")
    first, typer_first = run(tmp_path, ["ctg", "--help"])
    second, typer_second = run(tmp_path, ["ctg", "--help"])
    assert (first, typer_first) == (fresh, True)
    assert (second, typer_second) == (fresh, False)


@pytest.mark.parametrize(("argv", "env"), [
    (["ctg", "--help"], {"COLUMNS": "60"}),
    (["ctg", "--help"], {"COLUMNS": "70"}),
    (["ctg", "--help"], {"CTG_LANG": "fr"}),
    (["ctg-dev", "--help"], {}),
    (["ctg", "-h"], {}),
])
def test_a_page_made_for_others_is_not_printed(tmp_path: Path, argv: list[str],
                                               env: dict[str, str]) -> None:
    """Another width, language or program name: Typer makes the page, as without a cache."""
    base, _typer = run(tmp_path, ["ctg", "--help"])
    assert run(tmp_path, ["ctg", "--help"]) == (base, False)
    expected, _typer = run(None, argv, **env)
    assert expected != base or argv[1] == "-h"
    assert run(tmp_path, argv, **env) == (expected, True)
    assert run(tmp_path, argv, **env) == (expected, False)


def _entry(cache: Path) -> Path:
    (entry,) = cache.glob("*/help-*.json")  # the first page made
    return entry


def test_a_page_written_by_other_code_is_not_printed(tmp_path: Path) -> None:
    """An entry whose header names other code (an upgrade) is made anew."""
    base, _typer = run(tmp_path, ["ctg", "--help"])
    entry = _entry(tmp_path)
    header, page = entry.read_text(encoding="utf-8").splitlines()
    fields = json.loads(header)
    entry.write_text(json.dumps({**fields, "code": "0" * 32}) + "\n" + json.dumps("STALE")
                     + "\n", encoding="utf-8")
    assert run(tmp_path, ["ctg", "--help"]) == (base, True)
    # control: the same planted page under the right header is printed as it is
    entry.write_text(header + "\n" + json.dumps("PLANTED") + "\n", encoding="utf-8")
    assert run(tmp_path, ["ctg", "--help"]) == ("PLANTED\n", False)
    assert json.loads(page).startswith("Usage: ctg")


def test_pages_of_two_languages_and_widths_are_kept_side_by_side(tmp_path: Path) -> None:
    """English and French, or two widths, one after the other: each is served once made."""
    kinds = [{}, {"CTG_LANG": "fr"}, {"COLUMNS": "60"}]
    pages = [run(tmp_path, ["ctg", "--help"], **env) for env in kinds]
    assert [typer for _page, typer in pages] == [True, True, True]
    for env, (page, _typer) in zip(kinds, pages, strict=True):
        assert run(tmp_path, ["ctg", "--help"], **env) == (page, False)


def test_an_entry_under_another_name_is_not_printed(tmp_path: Path) -> None:
    """The header's key decides: the page of width 78 copied where the page of width 58
    would be is made anew (and then kept there)."""
    run(tmp_path, ["ctg", "--help"])
    wide = _entry(tmp_path)
    expected, _typer = run(None, ["ctg", "--help"], COLUMNS="60")
    run(tmp_path, ["ctg", "--help"], COLUMNS="60")
    narrow = next(p for p in tmp_path.glob("*/help-*.json") if p != wide)
    narrow.write_bytes(wide.read_bytes())
    assert run(tmp_path, ["ctg", "--help"], COLUMNS="60") == (expected, True)
    assert run(tmp_path, ["ctg", "--help"], COLUMNS="60") == (expected, False)


def test_other_command_lines_are_not_served(tmp_path: Path) -> None:
    """Only the main page: `ctg list --help` and `ctg --help list` go through Typer."""
    run(tmp_path, ["ctg", "--help"])
    for argv in (["ctg", "list", "--help"], ["ctg", "--version"]):
        expected, _typer = run(None, argv)
        assert run(tmp_path, argv) == (expected, True)
