"""`ctg NAME` builds only the module that defines NAME, and says the same as the whole app."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ctgplan import cli
from ctgplan.cli import COMMANDS, MODULES, app
from tests.conftest import SHIPPED_PLAN


def _registered() -> dict[str, str]:
    return {(info.name or (info.callback.__name__ if info.callback else "")).replace("_", "-"):
            (info.callback.__module__ if info.callback else "").rsplit(".", 1)[-1]
            for info in app.registered_commands}


def test_the_table_names_every_command_and_its_module() -> None:
    """COMMANDS is exactly what the modules register; MODULES lists every module once."""
    assert _registered() == COMMANDS
    assert sorted(MODULES) == sorted(set(COMMANDS.values()))


@pytest.mark.parametrize(("argv", "expected"), [
    (["list", "--theme", "PARENTALITE"], ("find",)),
    (["--no-color", "record", "PAR-2"], ("record",)),
    (["import-values", "v.csv"], ("importing",)),
    (["show", "list"], ("find",)),
    ([], MODULES),
    (["--help"], MODULES),
    (["lst"], MODULES),
    (["--", "list"], MODULES),
])
def test_modules_for_a_command_line(argv: list[str], expected: tuple[str, ...],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The first word that is not an option names the command; anything else: all."""
    for key in [k for k in os.environ if k.endswith("_COMPLETE")]:
        monkeypatch.delenv(key)
    assert tuple(cli._modules_for(argv)) == expected


def test_completion_gets_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shell completion may ask about any command."""
    monkeypatch.setenv("_CTG_COMPLETE", "complete_bash")
    assert tuple(cli._modules_for(["list"])) == MODULES


def _run(*args: str, whole: bool = False) -> subprocess.CompletedProcess[str]:
    """``ctg ARGS`` in a new interpreter; ``whole``: with every command module loaded."""
    preload = "import ctgplan.cli; ctgplan.cli.app\n" if whole else ""
    code = (preload + "import sys; sys.argv = ['ctg', *sys.argv[1:]]\n"
            "from ctgplan.cli import main\n"
            "try:\n    main()\nfinally:\n"
            "    print('MODULES', sorted(m for m in sys.modules if m.startswith('ctgplan.cli.')),"
            " file=sys.stderr)\n")
    env = {**os.environ, "CTG_NO_CACHE": "1", "CTG_LANG": "fr", "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, check=False)


@pytest.mark.parametrize("args", [
    ["list", "--theme", "PARENTALITE", "--plan", str(SHIPPED_PLAN)],
    ["list", "--help"],
    ["show", "PAR-9", "--plan", str(SHIPPED_PLAN)],
    ["record", "--help"],
    ["list", "--year", "vingt", "--plan", str(SHIPPED_PLAN)],
])
def test_a_command_alone_says_what_the_whole_app_says(args: list[str]) -> None:
    """Output, errors and exit code of `ctg NAME` built alone equal the whole app's."""
    alone = _run(*args)
    module = COMMANDS[args[0]]
    others = [m for m in MODULES if m != module]
    loaded = alone.stderr.rsplit("MODULES ", 1)[1]
    assert f"ctgplan.cli.{module}'" in loaded
    assert [m for m in others if f"ctgplan.cli.{m}'" in loaded] == []
    whole = _run(*args, whole=True)
    assert all(f"ctgplan.cli.{m}'" in whole.stderr.rsplit("MODULES ", 1)[1] for m in MODULES)
    assert alone.returncode == whole.returncode
    assert alone.stdout == whole.stdout
    assert alone.stderr.rsplit("MODULES ", 1)[0] == whole.stderr.rsplit("MODULES ", 1)[0]
    assert alone.stdout or alone.stderr.rsplit("MODULES ", 1)[0]


def test_help_lists_every_command() -> None:
    """`ctg --help` still shows the sixteen commands."""
    result = _run("--help")
    assert result.returncode == 0
    listed = result.stdout.split("Commandes", 1)[1]
    assert [name for name in COMMANDS if f"  {name} " not in listed] == []
