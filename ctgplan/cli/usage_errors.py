"""Usage errors in the user's language: Click's layout, ctg's words, chosen by exception type.

Click gives some usage errors as bare English sentences (``No such command 'x'.``); they
are recognised here by their English pattern and said again in ctg's words. A sentence
this module does not know is shown as Click wrote it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

from typer import _click
from typer._click import exceptions as click_errors

from ctgplan.i18n import N_, _


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

