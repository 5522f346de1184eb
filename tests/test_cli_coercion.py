"""The short-cut conversion of plain command-line values gives what Typer's own gives.

Every parameter of every ``ctg`` command that :mod:`ctgplan.cli.coercion` takes over is
fed the same values through the short-cut and through Typer's own conversion (a pydantic
adapter built for the parameter): same value and type, or same error and message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st
from typer import _click
from typer._coercion import build_runtime_param
from typer.core import TyperGroup

from ctgplan.cli import app
from ctgplan.cli.coercion import _PlainParam, plain_values

SAMPLES: list[Any] = [
    None, "", "-", "PARENTALITE", "Accès aux droits", "l'été", "2027", "-3", "0", "-0",
    "007", " 5", "5 ", "5.0", "1_000", "1e3", "+4", "٣", "²", "99999999999999999999",
    "x" * 300, "a\nb", "C:\\Users\\plan.yaml", "data/plan.yaml", True, False, 0, 7, -2,
    1.5, b"bytes", ("PAR-1", "PAR-2"), ("2026", "2027"), ("2026", "vingt"), (), ["a"],
    ("",), Path("data/plan.yaml"), Path(),
]


def _commands() -> list[tuple[str, _click.Command]]:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    found: list[tuple[str, _click.Command]] = [("ctg", group)]
    found += sorted(group.commands.items())
    return found


def _plain_params() -> list[tuple[str, _click.Command, Any]]:
    rows = []
    for name, command in _commands():
        ctx = _click.Context(command)
        params = command.get_params(ctx)
        plain_values(params)
        for param in params:
            if isinstance(getattr(param, "_runtime_param", None), _PlainParam):
                rows.append((f"{name} {param.name}", command, param))
    return rows


PLAIN = _plain_params()


def _outcome(convert: Any, value: Any) -> tuple[str, Any]:
    try:
        result = convert(value)
    except Exception as error:
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        return ("error", (type(error).__name__, message))
    return ("value", (type(result).__name__, result))


def _both(command: _click.Command, param: Any, value: Any) -> tuple[Any, Any]:
    ctx = _click.Context(command)
    short = param._runtime_param
    typer_own = build_runtime_param(param.type_descriptor)
    return (_outcome(lambda v: short.coerce(v, param=param, ctx=ctx), value),
            _outcome(lambda v: typer_own.coerce(v, param=param, ctx=ctx), value))


def test_most_parameters_take_the_short_cut() -> None:
    """The short-cut covers the plain parameters: texts, numbers, flags, paths, lists."""
    kinds = {param.type_descriptor.annotation for _name, _command, param in PLAIN}
    assert {str, int, bool, Path, list[str], list[int]} <= kinds
    assert len(PLAIN) >= 100


@pytest.mark.parametrize(("label", "command", "param"), PLAIN, ids=[row[0] for row in PLAIN])
def test_same_result_as_typer(label: str, command: _click.Command, param: Any) -> None:
    """Each sample value: the short-cut's value (and type) or error is Typer's own."""
    for value in SAMPLES:
        short, own = _both(command, param, value)
        assert short == own, (label, value)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PLAIN), st.one_of(
    st.text(), st.integers(), st.booleans(), st.none(),
    st.lists(st.text(max_size=8), max_size=3).map(tuple),
    st.lists(st.integers().map(str), max_size=3).map(tuple),
    st.from_regex(r"-?[0-9]{1,25}", fullmatch=True)))
def test_same_result_as_typer_for_any_value(row: tuple[str, _click.Command, Any],
                                            value: Any) -> None:
    """Any text, number, flag or list: the short-cut agrees with Typer."""
    label, command, param = row
    short, own = _both(command, param, value)
    assert short == own, (label, value)


def test_a_command_line_uses_the_short_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    """Running a command converts its plain values without building an adapter."""
    import typer._coercion as coercion_module

    from ctgplan.cli import coercion

    built: list[Any] = []

    def spy(descriptor: Any) -> Any:
        built.append(descriptor.annotation)
        return coercion_module.build_runtime_param(descriptor)

    monkeypatch.setattr(coercion, "build_runtime_param", spy)
    monkeypatch.setattr("typer.core.build_runtime_param", spy)
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["list", "--theme", "parentalite", "--year", "2027",
                                      "--limit", "2", "--plan", "data/plan.yaml"])
    assert result.exit_code == 0, result.output
    assert built == []
    result = CliRunner().invoke(app, ["list", "--year", "vingt", "--plan", "data/plan.yaml"])
    assert result.exit_code == 2
    assert built == [list[int]]
