"""The plan writer: every text reads back as written, whatever it holds."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ctgplan.importing.writer import block, scalar

TEXTS = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
                min_size=1, max_size=200) | st.sampled_from([
    "yes", "no", "on", "2026", "1.1", "2026-03-01", "- liste", "# titre", "Axe 1 : Enfance",
    "a: b", "@CAF", "*", "!important", "%", "'quoted'", '"double"', "x #y", "end:",
    "[crochets]", "{accolades}", "a, b", "null", "~", "  espaces  ", "ligne\nautre ligne",
    "Créer un accueil - Phase 1", "a" * 120, "mot " * 40])


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_scalar_reads_back(text: str) -> None:
    """A scalar, in block or flow context, loads as the same string."""
    assert yaml.safe_load(f"k: {scalar(text)}")["k"] == text
    assert yaml.safe_load(f"[{{k: {scalar(text, flow=True)}}}]")[0]["k"] == text


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_block_reads_back(text: str) -> None:
    """A long text folded over lines (or a multi-line one) loads as the same string."""
    lines = ["a:", *block("text", text, 2)]
    assert yaml.safe_load("\n".join(lines) + "\n")["a"]["text"] == text
    assert all(len(line) <= 100 or " " not in line.strip() for line in lines[1:]
               if not line.startswith("  text: ")), lines


def test_long_text_is_folded_at_78_columns() -> None:
    """A long text is written `>-` on lines of at most 78 columns, as the shipped plan."""
    text = ("Offre de services méconnue des publics cibles et manque de visibilité qui freine "
            "l'accès aux droits des habitants")
    assert block("text", text, 4) == [
        "    text: >-",
        "      Offre de services méconnue des publics cibles et manque de visibilité",
        "      qui freine l'accès aux droits des habitants",
    ]
