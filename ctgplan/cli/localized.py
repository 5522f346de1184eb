"""The command line in the user's language: help pages and usage errors.

Typer (and the Click it bundles) writes its help pages and usage errors with English
words fixed in its code. ``ctg`` uses its own command and group classes, which write the
same layout with the words taken from ctg's catalog:

- help texts (``help=`` of commands and options, command docstrings) stay English in the
  source, where Typer stores them; they are translated when a help page is shown, never
  at import, so ``ctg --help`` loads the catalog only when it prints. Babel extracts them
  with :func:`ctgplan.i18n_extract.extract_cli` (see ``babel.cfg``), so a help text needs
  no marking;
- the frame (``Usage:``, ``Options``, ``[default: …]``, ``[required]``, type names) and the
  usage errors are written here, by exception type, in ctg's words (``_``), English
  words identical to Typer's own.

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


class CtgGroup(_Localized, TyperGroup):
    """The ``ctg`` group: a help page and usage errors in the user's language."""

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        return [*super().collect_usage_pieces(ctx), _(self.subcommand_metavar)]

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


# -- usage errors -----------------------------------------------------------------------

def show_error(error: click_errors.ClickException) -> None:
    """Write a usage error the way Click lays it out, in the user's language."""
    if isinstance(error, click_errors.NoArgsIsHelpError):
        sys.stderr.write(error.format_message() + "\n")
        return
    ctx = error.ctx if isinstance(error, click_errors.UsageError) else None
    if ctx is not None:
        sys.stderr.write(ctx.get_usage() + "\n")
        if ctx.command.get_help_option(ctx) is not None:
            sys.stderr.write(_("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]) + "\n")
        sys.stderr.write("\n")
    sys.stderr.write(_("Error: {message}").format(message=error_message(error)) + "\n")


def _hint(param: _click.Parameter | None, given: Sequence[str] | str | None) -> str:
    if given is not None:
        return given if isinstance(given, str) else " / ".join(repr(x) for x in given)
    if param is None:
        return ""
    if param.param_type_name == "argument" or not param.opts:
        return str(param.get_error_hint())  # type: ignore[attr-defined]
    hint = " / ".join(f"'{x}'" for x in param.opts)
    envvar = getattr(param, "envvar", None)
    if getattr(param, "show_envvar", False) and envvar is not None:
        hint += _(" (env var: '{name}')").format(name=envvar)
    return hint


# Usage errors Click gives as a bare sentence: its English, and the same in our words.
_SENTENCES: tuple[tuple[str, str], ...] = (
    (r"No such command (?P<name>'.*')\. Did you mean (?P<choices>.*)\?",
     N_("No such command {name}. Did you mean {choices}?")),
    (r"No such command (?P<name>'.*')\.", N_("No such command {name}.")),
    (r"Missing command\.", N_("Missing command.")),
    (r"Got unexpected extra arguments? \((?P<extra>.*)\)",
     N_("Got unexpected extra argument(s) ({extra})")),
    (r"Option (?P<name>'.*') requires an argument\.",
     N_("Option {name} requires an argument.")),
    (r"Option (?P<name>'.*') does not take a value\.",
     N_("Option {name} does not take a value.")),
    (r"No such option: (?P<name>.*)", N_("No such option: {name}")),
    (r"(?:Value error, )?(?P<value>.*) is not one of (?P<choices>.*)\.",
     N_("{value} is not one of {choices}.")),
    (r"(?P<kind>File|Directory|Path) (?P<name>'.*') does not exist\.",
     N_("{kind} {name} does not exist.")),
    (r"Input should be a valid integer.*", N_("{value} is not a whole number.")),
    (r"Input should be a valid number.*", N_("{value} is not a number.")),
    (r"Input should be greater than or equal to (?P<limit>.*)",
     N_("{value} is less than {limit}.")),
    (r"Input should be less than or equal to (?P<limit>.*)",
     N_("{value} is more than {limit}.")),
)

PATH_KINDS = {"File": N_("File"), "Directory": N_("Directory"), "Path": N_("Path")}


def _in_our_words(message: str, value: object = None) -> str:
    """A sentence of Click or pydantic in the user's language (as it is when unknown)."""
    for pattern, ours in _SENTENCES:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            fields = dict(match.groupdict())
            if "kind" in fields:
                fields["kind"] = _(PATH_KINDS[fields["kind"]])
            fields.setdefault("value", repr(value) if value is not None else "?")
            return _(ours).format(**fields)
    return message


def _input_value(error: BaseException) -> object:
    """The value a user typed, when the error comes from a pydantic validation."""
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        try:
            first = errors()[0]
        except (IndexError, TypeError):
            return None
        return first.get("input") if isinstance(first, dict) else None
    return None


def error_message(error: click_errors.ClickException) -> str:
    """The message of a usage error in the user's language, chosen by its type."""
    if isinstance(error, click_errors.MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param else "")
        hint = _hint(error.param, error.param_hint)
        template = {"argument": N_("Missing argument {name}."),
                    "option": N_("Missing option {name}.")}.get(kind or "")
        text = (_(template).format(name=hint) if template
                else _("Missing parameter {name}.").format(name=hint))
        return f"{text} {error.message}" if error.message else text
    if isinstance(error, click_errors.NoSuchOption):
        text = _in_our_words(error.message)
        if error.possibilities:
            text += " " + _("(Possible options: {options})").format(
                options=", ".join(sorted(error.possibilities)))
        return text
    if isinstance(error, click_errors.BadParameter):
        inner = _in_our_words(error.message, _input_value(error))
        hint = _hint(error.param, error.param_hint)
        if not hint:
            return _("Invalid value: {message}").format(message=inner)
        return _("Invalid value for {name}: {message}").format(name=hint, message=inner)
    return _in_our_words(error.format_message())

