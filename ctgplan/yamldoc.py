"""A YAML document with positions: text -> nodes -> plain data, problems located.

The only module that parses YAML (through ``yamlbuild``). A ``Document`` keeps
the node tree so that any later problem, found by the schema or a rule, is
located at the ``line:col`` of the value it concerns.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ctgplan.files import MAX_BYTES, read_text
from ctgplan.i18n import N_, _
from ctgplan.problems import Level, Problem
from ctgplan.yamlbuild import Builder, Loader, node_position

Loc = Sequence[str | int]


@dataclass
class Document:
    """A parsed YAML file: its plain data, its node tree and what went wrong."""

    path: str
    data: Any = None
    root: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)

    def position(self, loc: Loc) -> tuple[int, int]:
        """The 1-based ``(line, col)`` of the value at ``loc`` (a path of keys and indexes).

        A path that goes further than the file (a missing key) stops at the deepest
        node found, which is the mapping that lacks the key.
        """
        return position(self.root, loc)

    def problem(self, loc: Loc, level: Level, code: str, message: str) -> Problem:
        """A problem located at ``loc`` in this document."""
        line, col = self.position(loc)
        return Problem(self.path, line, col, level, code, message)


def position(root: yaml.Node | None, loc: Loc) -> tuple[int, int]:
    """Walk ``loc`` down the node tree and return the position reached."""
    if root is None:
        return 1, 1
    node = root
    for part in loc:
        child = _child(node, part)
        if child is None:
            break
        node = child
    return node_position(node)


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == part or (isinstance(part, int) and key.value == str(part)):
                return value  # type: ignore[no-any-return]
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and (
            0 <= part < len(node.value)):
        return node.value[part]  # type: ignore[no-any-return]
    return None


def key_node(root: yaml.Node | None, loc: Loc) -> yaml.Node | None:
    """The key node of the last element of ``loc`` in a mapping (None if absent)."""
    if root is None or not loc:
        return None
    parent = root
    for part in loc[:-1]:
        child = _child(parent, part)
        if child is None:
            return None
        parent = child
    if isinstance(parent, yaml.MappingNode):
        for key, _value in parent.value:
            if key.value == loc[-1]:
                return key  # type: ignore[no-any-return]
    return None


def read_yaml(path: Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse one YAML file into a Document (problems collected, not raised)."""
    text, problems = read_text(path, max_bytes=max_bytes)
    if text is None:
        return Document(str(path), problems=problems)
    return parse(text, str(path))


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the garbage collector: bulk loading makes many objects and no cycles.

    Parsing a large YAML file runs 2-3 times faster without the collector's passes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(text: str, name: str) -> Document:
    """Parse YAML text safely into a Document."""
    with paused_gc():
        return _parse(text, name)


def _parse(text: str, name: str) -> Document:
    doc = Document(name)
    try:
        root = _compose(text)
    except yaml.reader.ReaderError as exc:
        doc.problems.append(_character_problem(name, exc, text))
        return doc
    except yaml.MarkedYAMLError as exc:
        doc.problems.append(_syntax_problem(name, exc, text))
        return doc
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a mark
        doc.problems.append(Problem(name, 1, 1, Level.ERROR, "yaml-syntax", str(exc)))
        return doc
    if root is None:
        doc.problems.append(Problem(name, 1, 1, Level.ERROR, "empty-file",
                                    _("the file is empty: it should hold a YAML mapping")))
        return doc
    doc.root = root
    builder = Builder(name, check_aliases="&" in text and "*" in text)
    doc.data = builder.build(root)
    doc.problems.extend(builder.problems)
    return doc


def _compose(text: str) -> yaml.Node | None:
    loader = Loader(text)  # the pure-Python reader refuses bad characters here already
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break, so that positions agree with the parser's."""


def _character_problem(name: str, exc: yaml.reader.ReaderError, text: str) -> Problem:
    """A character YAML refuses (NUL, other control characters), at its real line:col."""
    position = min(max(exc.position, 0), len(text))
    line, start = 1, 0
    for found in _LINE_BREAK.finditer(text, 0, position):
        line, start = line + 1, found.end()
    character = exc.character
    code = character if isinstance(character, int) else ord(str(character)[:1] or " ")
    return Problem(name, line, position - start + 1, Level.ERROR, "yaml-control-character",
                   _("the character U+{code:04X} (a control character) is not allowed in a "
                     "YAML file: delete it (it often comes from a copy from another program "
                     "or a damaged file)").format(code=code))


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    what = _yaml_words(exc.problem) if exc.problem else _("invalid YAML")
    lines = text.split("\n")
    at = lines[line - 1][col - 1:col] if 0 < line <= len(lines) else ""
    if "\\t" in what or "\t" in what or at == "\t":
        return Problem(name, line, col, Level.ERROR, "yaml-tab",
                       _("a tab character is used for indentation: YAML indents with "
                         "spaces only; replace the tab with spaces"))
    context = f" ({_yaml_words(exc.context)})" if exc.context else ""
    if exc.context_mark is not None and exc.problem_mark is not None and exc.context:
        context = _(" ({context} at line {line})").format(
            context=_yaml_words(exc.context), line=exc.context_mark.line + 1)
    return Problem(name, line, col, Level.ERROR, "yaml-syntax",
                   _("invalid YAML: {what}{context}: check indentation, colons and quotes"
                     ).format(what=what, context=context))


_YAML_WORDS = {
    "mapping values are not allowed here": N_("mapping values are not allowed here"),
    "could not find expected ':'": N_("could not find expected ':'"),
    "did not find expected key": N_("did not find expected key"),
    "did not find expected '-' indicator": N_("did not find expected '-' indicator"),
    "found unexpected end of stream": N_("found unexpected end of stream"),
    "while scanning a simple key": N_("while scanning a simple key"),
    "while parsing a block mapping": N_("while parsing a block mapping"),
    "while parsing a block collection": N_("while parsing a block collection"),
    "while parsing a flow mapping": N_("while parsing a flow mapping"),
    "while parsing a flow sequence": N_("while parsing a flow sequence"),
    "while scanning a quoted scalar": N_("while scanning a quoted scalar"),
}
"""PyYAML's most frequent words, in the user's language (others are shown as PyYAML says)."""


def _yaml_words(text: str) -> str:
    return _(_YAML_WORDS[text]) if text in _YAML_WORDS else text


