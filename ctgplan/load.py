"""Safe YAML loading that keeps positions: text -> YAML nodes -> plain data.

The only module that parses YAML. It reads UTF-8 (a BOM is accepted, CRLF too),
refuses anchors, aliases and tags other than the plain YAML ones, reports
duplicate keys (PyYAML silently keeps the last one) and YAML 1.1 booleans such
as ``no`` or ``on``, and keeps the node tree so that any later problem can be
located at the ``line:col`` of the value it concerns.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from ctgplan.problems import CtgError, Level, Problem

try:  # the C parser is several times faster; fall back on the pure-Python one.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        """The pure-Python equivalent of CParser."""

        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


_RESOLVED: dict[str, str] = {}


class _Resolver(Resolver):
    """PyYAML's resolver, with the answers for plain scalars remembered.

    The parser asks it the tag of every scalar; in a sidecar of a million records
    the same keys and numbers come back millions of times. Path resolvers are not
    used, so descending and ascending the path does nothing.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _RESOLVED.get(value)
            if tag is None:
                if len(_RESOLVED) > 100_000:
                    _RESOLVED.clear()
                tag = _RESOLVED[value] = super().resolve(  # type: ignore[no-untyped-call]
                    kind, value, implicit)
            return tag
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


class _Loader(_Parser, _Resolver):
    """Parser (C when available) and resolver: composes nodes, constructs nothing."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)

MAX_BYTES = 32 * 1024 * 1024
"""Files larger than this are refused before parsing (a département plan of
10,000 actions is about 15 MB)."""

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SCALAR_CONSTRUCTOR = SafeConstructor()

Loc = Sequence[str | int]


@dataclass
class Document:
    """A parsed YAML file: its plain data, its node tree and what went wrong."""

    path: str
    data: Any = None
    root: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)

    def locate(self, loc: Loc) -> tuple[int, int]:
        """The 1-based ``(line, col)`` of the value at ``loc`` (a path of keys and indexes).

        A path that goes further than the file (a missing key) stops at the deepest
        node found, which is the mapping that lacks the key.
        """
        return locate(self.root, loc)

    def problem(self, loc: Loc, level: Level, code: str, message: str) -> Problem:
        """A problem located at ``loc`` in this document."""
        line, col = self.locate(loc)
        return Problem(self.path, line, col, level, code, message)


def node_position(node: yaml.Node) -> tuple[int, int]:
    """The 1-based position where ``node`` starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def locate(root: yaml.Node | None, loc: Loc) -> tuple[int, int]:
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


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 text file (BOM accepted); located problems instead of exceptions.

    Raises CtgError only when the file cannot be opened at all.
    """
    name = str(path)
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                return None, [
                    Problem(name, 1, 1, Level.ERROR, "file-too-large",
                            f"the file is {size / 1e6:.1f} MB, more than the "
                            f"{max_bytes / 1e6:.0f} MB ctg reads: is it the right file?")
                ]
            raw = handle.read()
    except FileNotFoundError:
        raise CtgError(f"{name}: no such file: check the path, or give one with --plan") from None
    except IsADirectoryError:
        raise CtgError(f"{name}: is a folder, not a YAML file: name the file itself") from None
    except PermissionError:
        raise CtgError(f"{name}: permission denied: check the file's access rights") from None
    except OSError as exc:
        raise CtgError(f"{name}: cannot be read ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        return None, [
            Problem(name, line, col, Level.ERROR, "not-utf8",
                    f"byte 0x{byte:02x} is not UTF-8: save the file as UTF-8 "
                    "(LibreOffice: 'Unicode (UTF-8)'; Excel: 'CSV UTF-8'; "
                    "Notepad: Encoding > UTF-8)")
        ]


def load_file(path: Path, *, max_bytes: int = MAX_BYTES) -> Document:
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
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        doc.problems.append(_syntax_problem(name, exc, text))
        return doc
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a mark
        doc.problems.append(Problem(name, 1, 1, Level.ERROR, "yaml-syntax", str(exc)))
        return doc
    finally:
        loader.dispose()
    if root is None:
        doc.problems.append(Problem(name, 1, 1, Level.ERROR, "empty-file",
                                    "the file is empty: it should hold a YAML mapping"))
        return doc
    doc.root = root
    builder = _Builder(name, check_aliases="&" in text and "*" in text)
    doc.data = builder.build(root)
    doc.problems.extend(builder.problems)
    return doc


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    what = exc.problem or "invalid YAML"
    lines = text.split("\n")
    at = lines[line - 1][col - 1:col] if 0 < line <= len(lines) else ""
    if "\\t" in what or "\t" in what or at == "\t":
        return Problem(name, line, col, Level.ERROR, "yaml-tab",
                       "a tab character is used for indentation: YAML indents with "
                       "spaces only; replace the tab with spaces")
    context = f" ({exc.context})" if exc.context else ""
    if exc.context_mark is not None and exc.problem_mark is not None and exc.context:
        context = f" ({exc.context} at line {exc.context_mark.line + 1})"
    return Problem(name, line, col, Level.ERROR, "yaml-syntax",
                   f"invalid YAML: {what}{context}: check indentation, colons and quotes")


_BOOL_WORDS = {"true": True, "false": False}


class _Builder:
    """Turns a node tree into plain data, collecting problems as it goes."""

    def __init__(self, name: str, *, check_aliases: bool) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.seen: set[int] | None = set() if check_aliases else None

    def _problem(self, node: yaml.Node, code: str, message: str) -> None:
        line, col = node_position(node)
        self.problems.append(Problem(self.name, line, col, Level.ERROR, code, message))

    def build(self, node: yaml.Node) -> Any:
        seen = self.seen
        if seen is not None:
            if id(node) in seen:
                self._problem(node, "yaml-alias",
                              "this value is reused elsewhere through an alias (*name): "
                              "anchors and aliases are not allowed, write the value out "
                              "in full")
                return None
            seen.add(id(node))
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            return node.value if tag == _STR else self._scalar(node, tag)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, tag)
        if tag != _SEQ:
            self._bad_tag(node)
        return [self.build(item) for item in node.value]

    def _mapping(self, node: yaml.MappingNode, tag: str) -> dict[Any, Any]:
        if tag != _MAP:
            self._bad_tag(node)
        result: dict[Any, Any] = {}
        plain = self.seen is None
        scalar_node = yaml.ScalarNode
        for key_node_, value_node in node.value:
            # Inline the common case (a plain key and a scalar value): a sidecar holds
            # millions of them.
            if plain and key_node_.tag == _STR and type(key_node_) is scalar_node:
                key = key_node_.value
            else:
                key = self.build(key_node_)
                if isinstance(key, (dict, list)):
                    self._problem(key_node_, "yaml-complex-key",
                                  "a key must be a plain word or number")
                    continue
            if key in result:
                line, _col = _first_key_line(node, key_node_)
                self._problem(key_node_, "duplicate-key",
                              f"key {key!r} appears twice in this mapping (first at "
                              f"line {line}); YAML keeps only the last: remove one "
                              "(a merge often leaves such a copy)")
            if plain and type(value_node) is scalar_node:
                value_tag = value_node.tag
                result[key] = (value_node.value if value_tag == _STR
                               else self._scalar(value_node, value_tag))
            else:
                result[key] = self.build(value_node)
        return result

    def _bad_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self._problem(node, "yaml-tag",
                      f"the tag {tag} is not allowed: ctg reads plain data only; remove it")

    def _scalar(self, node: yaml.ScalarNode, tag: str) -> Any:
        value = node.value
        if tag == _INT:
            if value.isdigit() and (value[0] != "0" or len(value) == 1):
                return int(value)  # the usual case; 0755 (octal) and 1_000 go the long way
            return _SCALAR_CONSTRUCTOR.construct_yaml_int(node)
        if tag == _NULL:
            return None
        if tag == _TIMESTAMP:
            return value  # dates stay text; the schema parses and checks them
        if tag == _BOOL:
            word = value.lower()
            if word in _BOOL_WORDS:
                return _BOOL_WORDS[word]
            self._problem(node, "yaml-boolean",
                          f"{value!r} is read as a yes/no value by YAML: if you mean the "
                          f"text, quote it ('{value}'); for a yes/no value write true or false")
            return value
        if tag == _FLOAT:
            return _SCALAR_CONSTRUCTOR.construct_yaml_float(node)
        if tag == "tag:yaml.org,2002:merge":
            self._problem(node, "yaml-alias",
                          "merge keys (<<) are not allowed: write the values out in full")
            return value
        self._bad_tag(node)
        return value


def _first_key_line(mapping: yaml.MappingNode, duplicate: yaml.Node) -> tuple[int, int]:
    for key, _value in mapping.value:
        if key is duplicate:
            break
        if key.value == duplicate.value:
            return node_position(key)
    return node_position(duplicate)  # pragma: no cover - the key was seen before
