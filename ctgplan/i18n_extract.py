"""Babel extraction of the help texts of the command line (used by ``babel.cfg``).

Help texts stay plain English where Typer wants them: ``help=`` of ``typer.Option``,
``typer.Argument``, ``app.command`` and the Typer app, and the docstrings of commands
without ``help=``. Typer cleans them up (``inspect.cleandoc``) before storing them; this
extractor gives the catalog the same text, and :mod:`ctgplan.cli.localized` translates
what Typer stored when a help page is shown. Everything ``_``/``N_``/``ngettext`` marks in
the same files is extracted too, by Babel's own Python extractor.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any, cast

_CALLS_WITH_HELP = {"Option", "Argument", "Typer", "CtgTyper", "command", "callback"}
_DECORATORS = {"command", "callback"}



def _called(node: ast.expr) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _help_keyword(call: ast.Call, name: str = "help") -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def help_texts(source: str) -> Iterator[tuple[int, str]]:
    """``(line, text)`` of every help text and metavar in a CLI module, as Typer stores it."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _called(node.func) in _CALLS_WITH_HELP:
            value = _help_keyword(node)
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                text = value.value
                if _called(node.func) != "Argument":  # Typer keeps an argument's as is
                    text = inspect.cleandoc(text)
                yield value.lineno, text
            metavar = _help_keyword(node, "metavar")
            if isinstance(metavar, ast.Constant) and isinstance(metavar.value, str):
                yield metavar.lineno, metavar.value  # OLD, VALUE: shown translated too
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                if (isinstance(decorator, ast.Call) and _called(decorator.func) in _DECORATORS
                        and _help_keyword(decorator) is None):
                    doc = ast.get_docstring(node, clean=True)
                    if doc:
                        yield node.body[0].lineno, doc


def extract_cli(fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str],
                options: Mapping[str, Any]) -> Iterator[tuple[Any, ...]]:
    """Babel extraction method: the marked messages and the help texts of a CLI module.

    Yields what Babel reads from an extraction method: ``(line, keyword, message, comments)``.
    """
    import io

    from babel.messages.extract import extract_python

    data = fileobj.read()
    yield from extract_python(io.BytesIO(data), keywords, comment_tags, cast(Any, options))
    for line, text in help_texts(data.decode("utf-8")):
        yield line, None, text, []
