"""From YAML text to nodes and from nodes to plain data, fast and safe.

The parser is PyYAML's C one when available, with a resolver that remembers the
tag of each plain scalar (a million-record file repeats the same keys and
numbers); the builder turns the node tree into plain data without PyYAML's
constructor, collecting a located problem for each trap: duplicate keys, YAML 1.1
booleans, tags, anchors and aliases, merge keys, complex keys.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from ctgplan.i18n import _
from ctgplan.problems import Level, Problem

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


class Loader(_Parser, _Resolver):
    """Parser (C when available) and resolver: composes nodes, constructs nothing."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SCALAR_CONSTRUCTOR = SafeConstructor()


def node_position(node: yaml.Node) -> tuple[int, int]:
    """The 1-based position where ``node`` starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


_BOOL_WORDS = {"true": True, "false": False}


class Builder:
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
                              _("this value is reused elsewhere through an alias (*name): "
                                "anchors and aliases are not allowed, write the value out "
                                "in full"))
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
                                  _("a key must be a plain word or number"))
                    continue
            if key in result:
                line, _col = _first_key_line(node, key_node_)
                self._problem(key_node_, "duplicate-key",
                              _("key {key!r} appears twice in this mapping (first at "
                                "line {line}); YAML keeps only the last: remove one "
                                "(a merge often leaves such a copy)").format(key=key, line=line))
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
                      _("the tag {tag} is not allowed: ctg reads plain data only; remove it"
                        ).format(tag=tag))

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
                          _("{value!r} is read as a yes/no value by YAML: if you mean the "
                            "text, quote it ('{value}'); for a yes/no value write true or "
                            "false").format(value=value))
            return value
        if tag == _FLOAT:
            return _SCALAR_CONSTRUCTOR.construct_yaml_float(node)
        if tag == "tag:yaml.org,2002:merge":
            self._problem(node, "yaml-alias",
                          _("merge keys (<<) are not allowed: write the values out in full"))
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
