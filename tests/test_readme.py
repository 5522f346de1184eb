"""The README keeps its promises: every command documented, quick start true."""

from __future__ import annotations

import re

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from ctgplan.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    """Each `ctg` command appears in the README as `ctg NAME`."""
    group = get_command(app)
    names = sorted(group.commands)  # type: ignore[attr-defined]
    assert names == sorted(["check", "schema", "init", "list", "show", "themes", "partners",
                            "indicators", "record", "history", "diff",
                            "import", "import-values", "status", "todo", "report"])
    missing = [name for name in names if f"ctg {name}" not in README]
    assert missing == []


def test_every_command_help_has_an_example() -> None:
    """`--help` of every command shows an example."""
    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert "Example" in (command.help or ""), name


def test_quick_start_is_the_ci_test_command() -> None:
    """The quick start's second command is the one .ci/run ends with."""
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", README, re.S)
    assert block is not None
    install, tests = block.group(1).strip().splitlines()
    assert install.endswith(".venv/bin/ctg list")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1].startswith(tests)


def console_block(command: str) -> str:
    """The output shown in the README right after `$ COMMAND`."""
    start = README.index(f"\n$ {command}\n") + len(f"\n$ {command}\n")
    end = min(i for i in (README.find("\n$ ", start), README.find("\n```", start)) if i >= 0)
    return README[start:end + 1]


@pytest.mark.parametrize("command", ["ctg list --theme PARENTALITE", "ctg list --theme enfance",
                                     "CTG_LANG=en ctg list --theme enfance", "ctg check"])
def test_readme_output_is_real(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's examples on the shipped plan print exactly what the README shows, in the
    language it shows them: French (it says so), unless the line sets ``CTG_LANG=en``."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("CTG_LANG", "fr")
    monkeypatch.delenv("CTG_PLAN", raising=False)
    words = command.split()
    while "=" in words[0]:  # `CTG_LANG=en ctg ...`: that language
        name, _equals, value = words.pop(0).partition("=")
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(app, words[1:])
    assert result.stdout + result.stderr == console_block(command)
