"""Partners named across a plan, de-duplicated; the other spellings kept as aliases.

Two spellings are one partner when they fold to the same words, plural aside
("Service Affaires sociales", "Services Affaires Sociales"); when they hold the
same words in another order ("PMI Département", "Département PMI"); when one is
the other followed by a partner's acronym ("Service Communication CCGM"); or
when an acronym is another with one letter more ("CAFY", "CAF"). All but the
first are guesses, which the caller reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ctgplan.fold import signature
from ctgplan.importing.cells import capitalize
from ctgplan.importing.ids import slug


@dataclass
class Partner:
    """A partner being built: its id, its name (the first spelling met) and aliases."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Added:
    """What ``Registry.add`` did with a spelling."""

    partner: Partner
    merged: bool
    """True when the spelling was matched to another spelling by a guess."""


class Registry:
    """The partners of a plan, in order of first mention."""

    def __init__(self) -> None:
        self.partners: list[Partner] = []
        self._by_signature: dict[str, Partner] = {}
        self._by_words: dict[frozenset[str], Partner] = {}
        self._ids: set[str] = set()

    def add(self, spelling: str) -> Added:
        """The partner ``spelling`` names, created when it is new."""
        key = signature(spelling)
        found = self._by_signature.get(key)
        if found is not None:
            self._alias(found, spelling)
            return Added(found, _differs(found, spelling))
        found = self._match(spelling, key)
        if found is not None:
            self._alias(found, spelling)
            self._by_signature[key] = found
            return Added(found, True)
        partner = Partner(self._new_id(spelling), capitalize(spelling))
        self.partners.append(partner)
        self._by_signature[key] = partner
        self._by_words.setdefault(frozenset(key.split()), partner)
        return Added(partner, False)

    def _match(self, spelling: str, key: str) -> Partner | None:
        words = key.split()
        same_words = self._by_words.get(frozenset(words))
        if same_words is not None and len(words) > 1:
            return same_words
        if len(words) > 2:  # "service communication ccgm" = "service communication" + CCGM
            head, tail = " ".join(words[:-1]), words[-1]
            if head in self._by_signature and tail in self._by_signature and \
                    spelling.rsplit(maxsplit=1)[-1].isupper():
                return self._by_signature[head]
        for other_key, partner in self._by_signature.items():
            other = other_key.split()
            if len(other) > 2 and other[:-1] == words and other[-1] in self._by_signature:
                return partner
        stripped = spelling.strip()
        if stripped.isupper() and stripped.isalpha() and len(stripped) >= 4:
            shorter = stripped[:-1].casefold()
            found = self._by_signature.get(shorter)
            if found is not None and found.name.isupper():
                return found
        return None

    def _alias(self, partner: Partner, spelling: str) -> None:
        if _differs(partner, spelling) and spelling not in partner.aliases:
            partner.aliases.append(spelling)

    def _new_id(self, name: str) -> str:
        base = slug(name, max_words=4, max_length=36)
        candidate, number = base, 2
        while candidate in self._ids:
            candidate, number = f"{base}-{number}", number + 1
        self._ids.add(candidate)
        return candidate


def _differs(partner: Partner, spelling: str) -> bool:
    return capitalize(spelling) != partner.name
