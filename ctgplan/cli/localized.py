"""The command line in the user's language: help pages and usage errors.

Typer (and the Click it bundles) writes its help pages and usage errors with English
words fixed in its code. ``ctg`` uses its own command and group classes, which write the
same layout with the words taken from ctg's catalog:

- help texts (``help=`` of commands and options, command docstrings) stay English in the
  source, where Typer stores them; they are translated when a help page is shown, never
  at import, so ``ctg --help`` loads the catalog only when it prints. Babel extracts them
  with :func:`ctgplan.i18n_extract.extract_cli` (see ``babel.cfg``), so a help text needs
  no marking;
- the frame (``Usage:``, ``Options``, ``[default: …]``, ``[required]``, type names) is
  written here in ctg's words (``_``), the English words identical to Typer's own; usage
  errors are said by :mod:`ctgplan.cli.usage_errors`.

:class:`CtgTyper` is the ``typer.Typer`` every command group is made with; it gives its
commands :class:`CtgCommand` and itself :class:`CtgGroup`.
"""

from __future__ import annotations

import copy
import inspect
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from typer import _click
from typer._click import exceptions as click_errors
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from ctgplan.cli import help_page
from ctgplan.cli.coercion import plain_values
from ctgplan.cli.usage_errors import show_error
from ctgplan.i18n import N_, _

# Words Typer and Click write with their own hard-coded English; listed here so that
# Babel extracts them and the catalog translates them.
FOREIGN_HELP = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
)

TYPE_NAMES = {
    "str": N_("str"),
    "int": N_("int"),
    "float": N_("float"),
    "path": N_("path"),
    "int range": N_("int range"),
    "float range": N_("float range"),
    "list[str]": N_("list[str]"),
    "list[int]": N_("list[int]"),
    "bool": N_("bool"),
}
"""Type names Typer shows between ``<>`` after an option; choices are shown as they are."""


def _translated_type(name: str) -> str:
    """``-t, --theme <list[str]>`` with the type name in the user's language."""
    match = re.fullmatch(r"(.*<)([^<>|]+)(>)", name, flags=re.DOTALL)
    if match is None or match.group(2) not in TYPE_NAMES:
        return name
    return f"{match.group(1)}{_(TYPE_NAMES[match.group(2)])}{match.group(3)}"


def _translated_extra(piece: str) -> str:
    """One piece of ``[default: 200; x>=0]`` in the user's language."""
    if piece == "required":
        return _("required")
    if piece.startswith("default: "):
        return _("default: {default}").format(default=piece.removeprefix("default: "))
    if piece.startswith("env var: "):
        return _("env var: {var}").format(var=piece.removeprefix("env var: "))
    return piece  # a range such as x>=0, the same in every language


def _help_record(param: _click.Parameter, ctx: _click.Context) -> tuple[str, str] | None:
    """The two columns of an option or argument in a help page, translated."""
    text = getattr(param, "help", None)
    bare = copy.copy(param)
    bare.help = None  # type: ignore[attr-defined]  # the frame alone: name, [extras]
    record = bare.get_help_record(ctx)
    if record is None:
        return None
    name, extras = record
    name = _translated_type(_translated_metavar(param, name))
    if extras.startswith("[") and extras.endswith("]"):
        extras = "[{}]".format("; ".join(_translated_extra(p) for p in extras[1:-1].split("; ")))
    help_text = _(text) if text else ""
    return name, f"{help_text}  {extras}" if help_text and extras else help_text or extras


@contextmanager
def _section(formatter: _click.HelpFormatter, title: str) -> Iterator[None]:
    """A titled section of a help page (the title carries its own colon: ``Options :``)."""
    formatter.write_paragraph()
    formatter.write(f"{'':>{formatter.current_indent}}{title}\n")
    formatter.indent()
    try:
        yield
    finally:
        formatter.dedent()


def _translated_metavar(param: _click.Parameter, text: str) -> str:
    """``[VALUE]``, ``--period YEARS``: the parameter's metavar in the user's language."""
    return text.replace(param.metavar, _(param.metavar)) if param.metavar else text


def _help_text(command: _click.Command) -> str:
    return _(inspect.cleandoc(command.help)).partition("\f")[0] if command.help else ""


class _Localized(_click.Command):
    """The help page of a command, in the user's language (mixed into Typer's classes)."""

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        pieces = [_(self.options_metavar)] if self.options_metavar else []
        for param in self.get_params(ctx):
            pieces.extend(_translated_metavar(param, p) for p in param.get_usage_pieces(ctx))
        return pieces

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              _("Usage: "))

    def format_help_text(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        text = _help_text(self)
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = _help_record(param, ctx)
            if record is not None:
                (arguments if param.param_type_name == "argument" else options).append(record)
        if arguments:
            with _section(formatter, _("Arguments:")):
                formatter.write_dl(arguments)
        if options:
            with _section(formatter, _("Options:")):
                formatter.write_dl(options)

    def get_short_help_str(self, limit: int = 45) -> str:
        text = _help_text(self)
        return _click.utils.make_default_short_help(text, limit) if text else ""


class CtgCommand(_Localized, TyperCommand):
    """A ``ctg`` command whose help page speaks the user's language."""

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        plain_values(self.get_params(ctx))
        return super().parse_args(ctx, args)


class CtgGroup(_Localized, TyperGroup):
    """The ``ctg`` group: a help page and usage errors in the user's language."""

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        plain_values(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        return [*super().collect_usage_pieces(ctx), _(self.subcommand_metavar)]

    def get_help(self, ctx: _click.Context) -> str:
        page = super().get_help(ctx)
        if ctx.parent is None:
            help_page.remember(sys.argv[1:], page)
        return page

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _command in rows)
            with _section(formatter, _("Commands:")):
                formatter.write_dl([(name, command.get_short_help_str(limit))
                                    for name, command in rows])

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        """Typer's main, with usage errors and aborts written in the user's language."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode,
                                windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args,
                                **extra)
        except click_errors.ClickException as error:
            show_error(error)
            sys.exit(error.exit_code)
        except typer.Abort:
            sys.stderr.write(_("Aborted!") + "\n")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


class CtgTyper(typer.Typer):
    """``typer.Typer`` whose group and commands speak the user's language."""

    def __init__(self, **settings: Any) -> None:
        settings.setdefault("cls", CtgGroup)
        super().__init__(**settings)

    def command(self, name: str | None = None, *, cls: type[TyperCommand] | None = None,
                **settings: Any) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(name, cls=cls or CtgCommand, **settings)
