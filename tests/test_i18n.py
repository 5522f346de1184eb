"""The French catalog is complete and compiled; the language follows the environment;
the command line's own words (help pages, usage errors) are in the user's language."""

from __future__ import annotations

import ast
import io
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from typer import _click
from typer.main import get_command
from typer.testing import CliRunner

from ctgplan import i18n
from ctgplan.cli import app
from ctgplan.cli.localized import CtgGroup
from ctgplan.i18n import detect_language

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "ctgplan" / "locale"
FRENCH_PO = LOCALE / "fr" / "LC_MESSAGES" / "ctg.po"
FRENCH_MO = LOCALE / "fr" / "LC_MESSAGES" / "ctg.mo"
runner = CliRunner()


def _extracted() -> dict[str, tuple[str, ...]]:
    """Every message of the source, as Babel extracts it with babel.cfg: id -> all its forms."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    messages: dict[str, tuple[str, ...]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map):
        forms = (message,) if isinstance(message, str) else tuple(message)
        messages[forms[0]] = forms
    return messages


EXTRACTED = _extracted()


def _french() -> Catalog:
    with FRENCH_PO.open("rb") as handle:
        return read_po(handle, locale="fr")


FRENCH = _french()


def _placeholders(text: str) -> tuple[set[str], set[str]]:
    """``{name}`` fields and ``%(name)s`` fields of a message."""
    braces = {field for _literal, field, _spec, _conv in string.Formatter().parse(text)
              if field is not None}
    percents = set(re.findall(r"%\((\w+)\)[sdfr]", text))
    return braces, percents


def _translations(message: Message) -> Iterator[str]:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    yield from (text or "" for text in strings)


def test_the_source_has_messages_to_translate() -> None:
    """The extraction finds the CLI help texts and the marked messages (the next test has
    something to check)."""
    assert "Show this message and exit." in EXTRACTED
    assert "{count} error" in EXTRACTED
    assert any(text.startswith("List the actions, filtered.") for text in EXTRACTED)


@pytest.mark.parametrize("msgid", sorted(EXTRACTED))
def test_every_message_has_its_french(msgid: str) -> None:
    """Each extracted message is translated in French, not fuzzy, with the same placeholders."""
    message = FRENCH.get(msgid)
    assert message is not None, f"no French for {msgid!r}: run the commands of README, Development"
    assert not message.fuzzy, f"fuzzy French for {msgid!r}"
    sources = EXTRACTED[msgid]
    forms = list(_translations(message))
    assert forms and all(forms), f"empty French for {msgid!r}"
    if len(sources) > 1:
        assert len(forms) == 2, f"French has {len(forms)} plural forms for {msgid!r}"
    for french in forms:
        assert _placeholders(french) == _placeholders(sources[-1]), (msgid, french)


def test_french_typography() -> None:
    """A no-break space before : ; ? ! and inside « » (a line never starts with a colon)."""
    for message in FRENCH:
        for french in _translations(message):
            if message.id:
                assert not re.search(r" [:;?!]|« | »", french), french


def test_committed_mo_is_the_compiled_po() -> None:
    """ctg.mo is exactly what compiling ctg.po gives (the README's compile command was run)."""
    compiled = io.BytesIO()
    write_mo(compiled, _french())
    assert FRENCH_MO.read_bytes() == compiled.getvalue()


def _literal_messages() -> Iterator[tuple[str, int, str]]:
    """Every literal given to _/N_/gettext/ngettext in the package, even inside f-strings."""
    for path in sorted((ROOT / "ctgplan").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in {"_", "N_", "gettext", "ngettext"} and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                yield path.name, node.lineno, node.args[0].value


def test_every_marked_literal_is_extracted() -> None:
    """Babel misses ``_()`` inside an f-string: no marked literal may escape the catalog."""
    missed = [(f, line, text) for f, line, text in _literal_messages() if text not in EXTRACTED]
    assert missed == []


def _help_texts() -> Iterator[str]:
    """Every help text and metavar Typer stores for the commands and their options."""
    group = get_command(app)
    assert isinstance(group, CtgGroup)
    for command in [group, *group.commands.values()]:
        if command.help:
            yield command.help
        for param in command.get_params(_click.Context(command)):
            for text in (getattr(param, "help", None), param.metavar):
                if text:
                    yield text


def test_every_help_text_shown_is_translated() -> None:
    """The help pages translate what Typer stores: each stored text is in the catalog."""
    texts = list(_help_texts())
    assert len(texts) > 40
    missing = [t for t in texts if not any(_translations(FRENCH.get(t) or Message(t)))]
    assert missing == []


# -- the user's language --------------------------------------------------------------------

@pytest.mark.parametrize(("environ", "expected"), [
    ({"CTG_LANG": "fr"}, "fr"),
    ({"CTG_LANG": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
    ({"CTG_LANG": "en", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"CTG_LANG": "de", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LC_ALL": "fr_BE.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
    ({"LC_MESSAGES": "fr_CA", "LANG": "en_US"}, "fr"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_FR@euro"}, "fr"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
])
def test_language_follows_the_environment(environ: dict[str, str], expected: str) -> None:
    """CTG_LANG, then LANGUAGE (a list), LC_ALL, LC_MESSAGES, LANG; English otherwise."""
    assert detect_language(environ, platform="linux") == expected


@pytest.mark.parametrize(("windows", "environ", "expected"), [
    ("fr-FR", {}, "fr"),
    ("fr-CA", {}, "fr"),
    ("de-DE", {}, "en"),
    (None, {}, "en"),
    ("fr-FR", {"LANG": "en_US.UTF-8"}, "en"),
    ("en-US", {"CTG_LANG": "fr"}, "fr"),
])
def test_language_on_windows(monkeypatch: pytest.MonkeyPatch, windows: str | None,
                             environ: dict[str, str], expected: str) -> None:
    """On Windows, where the variables are usually unset, the user's locale decides."""
    monkeypatch.setattr(i18n, "_windows_language",
                        lambda: i18n._from_tag(windows) if windows else None)
    assert detect_language(environ, platform="win32") == expected


def test_numbers_and_dates_for_people() -> None:
    """37,5 % and 29/11/2026 in French; 37.5% and 2026-11-29 in English."""
    try:
        i18n.use_language("fr")
        assert (i18n.number(37.5), i18n.percent(37.5), i18n.day("2026-11-29")) == (
            "37,5", "37,5\u00a0%", "29/11/2026")
        i18n.use_language("en")
        assert (i18n.number(37.5), i18n.percent(37.5), i18n.day("2026-11-29")) == (
            "37.5", "37.5%", "2026-11-29")
    finally:
        i18n.use_language(None)


# -- the command line's own words ----------------------------------------------------------

def _run(lang: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"CTG_LANG": lang, "COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


def test_help_in_french() -> None:
    """`ctg --help` in French: usage, description, sections and Typer's own options."""
    code, out, _err = _run("fr", "--help")
    assert code == 0
    assert out.splitlines()[:3] == [
        "Utilisation\u00a0: ctg [OPTIONS] COMMANDE [ARGS]...",
        "",
        "  Piloter le plan d'action d'une Convention Territoriale Globale (CTG)\u00a0: le",
    ]
    assert "Options\u00a0:\n  -V, --version         Afficher la version et quitter.\n" in out
    assert "  -h, --help            Afficher ce message et quitter.\n" in out
    assert re.search(r"Commandes\u00a0:\n  check +Vérifier le plan", out)
    assert re.search(r"\n  list +Lister les actions, filtrées.\n", out)


def test_help_in_english_is_typer_layout() -> None:
    """`ctg --help` in English is unchanged: Typer's words and layout."""
    code, out, _err = _run("en", "--help")
    assert code == 0
    assert out.splitlines()[:3] == [
        "Usage: ctg [OPTIONS] COMMAND [ARGS]...",
        "",
        "  Run a Convention Territoriale Globale (CTG) action plan: validate it, find",
    ]
    assert "Options:\n  -V, --version         Print the version and exit.\n" in out
    assert re.search(r"Commands:\n  check +Validate the plan", out)


def test_command_help_in_french() -> None:
    """`ctg list --help` in French: the command's text, options with types and defaults."""
    code, out, _err = _run("fr", "list", "--help")
    assert code == 0
    assert out.splitlines()[:3] == ["Utilisation\u00a0: ctg list [OPTIONS]", "",
                                    "  Lister les actions, filtrées."]
    assert ("  -t, --theme <textes>            Identifiant ou libellé de thématique (PAR,\n"
            in out)
    assert "[par défaut\u00a0: 200; x>=0]" in out
    assert "[variable d'environnement\u00a0: CTG_PLAN]" in out.replace("\n", " ").replace(
        "                                  ", "")


def test_command_help_in_english() -> None:
    """`ctg list --help` in English."""
    code, out, _err = _run("en", "list", "--help")
    assert code == 0
    assert out.splitlines()[:3] == ["Usage: ctg list [OPTIONS]", "",
                                    "  List the actions, filtered."]
    assert "  -t, --theme <list[str]>         Theme id or label (PAR, parentalité,\n" in out
    assert "[default: 200; x>=0]" in out


@pytest.mark.parametrize(("lang", "args", "expected"), [
    ("fr", ["list", "--bogus"],
     "Utilisation\u00a0: ctg list [OPTIONS]\nEssayez «\u00a0ctg list -h\u00a0» pour l'aide.\n\n"
     "Erreur\u00a0: option inconnue\u00a0: --bogus\n"),
    ("en", ["list", "--bogus"],
     "Usage: ctg list [OPTIONS]\nTry 'ctg list -h' for help.\n\nError: No such option: --bogus\n"),
    ("fr", ["show"],
     "Utilisation\u00a0: ctg show [OPTIONS] {action}\nEssayez «\u00a0ctg show -h\u00a0» pour "
     "l'aide.\n\nErreur\u00a0: argument manquant\u00a0: 'action'.\n"),
    ("en", ["show"],
     "Usage: ctg show [OPTIONS] {action}\nTry 'ctg show -h' for help.\n\n"
     "Error: Missing argument 'action'.\n"),
    ("fr", ["lsit"],
     "Utilisation\u00a0: ctg [OPTIONS] COMMANDE [ARGS]...\nEssayez «\u00a0ctg -h\u00a0» pour "
     "l'aide.\n\nErreur\u00a0: commande inconnue\u00a0: 'lsit'. Vouliez-vous dire 'list'\u00a0?\n"),
    ("en", ["lsit"],
     "Usage: ctg [OPTIONS] COMMAND [ARGS]...\nTry 'ctg -h' for help.\n\n"
     "Error: No such command 'lsit'. Did you mean 'list'?\n"),
])
def test_usage_errors(lang: str, args: list[str], expected: str) -> None:
    """Usage errors in the user's language, laid out as Click does, exit 2."""
    code, out, err = _run(lang, *args)
    assert (code, out, err) == (2, "", expected)


@pytest.mark.parametrize(("args", "french", "english"), [
    (["list", "--format", "xx"],
     "Erreur\u00a0: valeur invalide pour '--format' / '-f'\u00a0: 'xx' ne fait pas partie de"
     "\u00a0: 'table', 'json', 'csv', 'markdown'.",
     "Error: Invalid value for '--format' / '-f': 'xx' is not one of 'table', 'json', 'csv', "
     "'markdown'."),
    (["list", "--limit", "x"],
     "Erreur\u00a0: valeur invalide pour '--limit'\u00a0: 'x' n'est pas un nombre entier.",
     "Error: Invalid value for '--limit': 'x' is not a whole number."),
    (["list", "--limit", "-3"],
     "Erreur\u00a0: valeur invalide pour '--limit'\u00a0: '-3' est inférieur à 0.",
     "Error: Invalid value for '--limit': '-3' is less than 0."),
    (["record", "PAR-2", "QT1", "12", "--year"],
     "Erreur\u00a0: l'option '--year' demande une valeur.",
     "Error: Option '--year' requires an argument."),
])
def test_bad_values(args: list[str], french: str, english: str) -> None:
    """A bad option value is named and explained, in both languages."""
    for lang, expected in (("fr", french), ("en", english)):
        code, _out, err = _run(lang, *args)
        assert code == 2
        assert err.splitlines()[-1] == expected


def test_report_templates_are_extracted(tmp_path: Path) -> None:
    """babel.cfg reads Jinja2 templates under ctgplan/templates/: {% trans %} and _()."""
    templates = tmp_path / "ctgplan" / "templates"
    templates.mkdir(parents=True)
    (templates / "sample.html.j2").write_text(
        "<h1>{% trans %}Annual review{% endtrans %}</h1><p>{{ _('Progress') }}</p>\n",
        encoding="utf-8")
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    found = [message for _f, _l, message, _c, _x in
             extract_from_dir(str(tmp_path), method_map, options_map)]
    assert found == ["Annual review", "Progress"]
