"""Loading and validating plans: every problem located at its exact line:col."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctgplan.problems import CtgError, Level
from ctgplan.reading import load_plan
from tests.conftest import MINIMAL_PLAN, SHIPPED_PLAN

Write = Callable[..., Path]


def spots(path: Path) -> list[tuple[int, int, str]]:
    """The (line, col, code) of every problem found in the plan at path."""
    return [(p.line, p.col, p.code) for p in load_plan(path).problems]


def test_shipped_plan_is_clean() -> None:
    """The shipped plan loads with no problem at all, not even a warning."""
    result = load_plan(SHIPPED_PLAN)
    assert result.problems == []
    assert result.plan is not None
    assert len(result.plan.actions) == 19


def test_minimal_plan_is_clean(write: Write) -> None:
    """The small plan used by the tests is itself valid."""
    assert spots(write(MINIMAL_PLAN)) == []


def replaced(old: str, new: str, text: str = MINIMAL_PLAN) -> str:
    """MINIMAL_PLAN with one exact edit (the edit must apply)."""
    assert old in text, old
    return text.replace(old, new, 1)


BROKEN: dict[str, tuple[str, list[tuple[int, int, str]]]] = {
    "unknown partner in partners": (
        replaced("partners: [caf]", "partners: [cafy]"),
        [(10, 9, "unused-partner"), (26, 16, "unknown-partner")]),
    "unknown lead": (replaced("lead: sas", "lead: sass"),
                     [(13, 9, "unused-partner"), (25, 11, "unknown-partner")]),
    "unknown theme": (replaced("theme: PAR\n", "theme: PARENT\n"), [(21, 12, "unknown-theme")]),
    "unknown key in an action": (
        replaced("    lead: sas", "    leader: sas\n    lead: sas"), [(25, 5, "unknown-key")]),
    "missing key points at the mapping": (
        replaced("    need: besoin\n", ""), [(20, 5, "missing-key")]),
    "bad id with a slash": (replaced("id: PAR-1", "id: ../x"), [(20, 9, "bad-id")]),
    "bad id with a space": (replaced("id: PAR-1", "id: PAR 1"), [(20, 9, "bad-id")]),
    "reserved windows name": (replaced("id: PAR-1", "id: CON"), [(20, 9, "bad-id")]),
    "duplicate action id ignoring case": (
        MINIMAL_PLAN + MINIMAL_PLAN[MINIMAL_PLAN.index("  - id: PAR-1"):].replace(
            "PAR-1", "par-1"), [(31, 9, "duplicate-id")]),
    "calendar outside the period": (
        replaced("calendar: 2026-2027", "calendar: 2026-2029"), [(30, 15, "year-out-of-range")]),
    "calendar reversed": (
        replaced("calendar: 2026-2027", "calendar: 2027-2026"),
        [(30, 15, "year-range-reversed")]),
    "calendar in words": (
        replaced("calendar: 2026-2027", "calendar: 2026 à 2027"), [(30, 15, "bad-year")]),
    "impossible date": (replaced("2025-11-24", "2025-13-45"), [(4, 12, "bad-date")]),
    "quantitative without unit": (
        replaced("kind: quantitative, unit: count,", "kind: quantitative,"),
        [(28, 9, "indicator-unit")]),
    "unknown indicator kind": (
        replaced("kind: qualitative", "kind: qualitatif"), [(29, 25, "bad-value")]),
    "boolean trap": (replaced("label: PARENTALITÉ", "label: no"), [(7, 22, "yaml-boolean")]),
    "wrong type": (replaced("partners: [caf]", "partners: caf"), [(26, 15, "wrong-type")]),
    "duplicate key from a bad merge": (
        replaced("    lead: sas\n", "    lead: sas\n    lead: caf\n"),
        [(13, 9, "unused-partner"), (26, 5, "duplicate-key"),
         (27, 16, "lead-also-partner")]),
    "python tag": (
        replaced("title: Plan test", "title: !!python/object/apply:os.system [ls]"),
        [(2, 10, "yaml-tag")]),
    "targets without direction": (
        replaced("label: Nombre de réunions}",
                 "label: Nombre de réunions, targets: {2026: 3}}"),
        [(28, 9, "missing-direction")]),
    "target year outside the period": (
        replaced("label: Nombre de réunions}",
                 "label: Nombre de réunions, direction: increase, targets: {2030: 3}}"),
        [(28, 116, "year-out-of-range")]),
    "alias shared by two partners": (
        replaced("    name: Service Affaires Sociales",
                 "    name: Service Affaires Sociales\n    aliases: [CAFY]"),
        [(15, 15, "ambiguous-alias")]),
    "near-duplicate partner": (
        replaced("    name: Service Affaires Sociales", "    name: CAFs"),
        [(14, 11, "similar-partners")]),
    "action without indicator": (
        replaced(MINIMAL_PLAN[MINIMAL_PLAN.index("    indicators:"):
                              MINIMAL_PLAN.index("    calendar")], ""),
        [(20, 9, "no-indicator")]),
    "unused need": (
        replaced("  - {id: besoin, text: Un besoin}",
                 "  - {id: besoin, text: Un besoin}\n  - {id: autre, text: Autre}"),
        [(17, 10, "unused-need")]),
    "tab in indentation": (replaced("  title: Plan test", "\ttitle: Plan test"),
                           [(2, 1, "yaml-tab")]),
    "syntax error": (replaced("  title: Plan test", "  title: [Plan test"),
                     [(3, 12, "yaml-syntax")]),
    "alias": (replaced("title: Plan test", "title: &t Plan test") + "extra: *t\n",
              [(2, 10, "yaml-alias"), (31, 1, "unknown-key")]),
    "empty file": ("", [(1, 1, "empty-file")]),
    "list at top level": ("- a\n- b\n", [(1, 1, "wrong-type")]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_plan_reports_exact_rule_and_position(case: str, write: Write) -> None:
    """Each broken plan yields exactly the expected (line, col, code) problems."""
    text, expected = BROKEN[case]
    assert sorted(spots(write(text))) == sorted(expected)


def test_every_problem_is_reported_in_one_run(write: Write) -> None:
    """Several independent errors are all reported, in file order, not just the first."""
    text = replaced("theme: PAR\n", "theme: XX\n")
    text = replaced("lead: sas", "lead: nobody", text)
    text = replaced("calendar: 2026-2027", "calendar: 2031", text)
    assert spots(write(text)) == [
        (13, 9, "unused-partner"), (21, 12, "unknown-theme"), (25, 11, "unknown-partner"),
        (30, 15, "year-out-of-range")]


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    """A file saved by Notepad (BOM, CRLF) is read like any other."""
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL_PLAN.replace("\n", "\r\n").encode("utf-8"))
    result = load_plan(path)
    assert result.problems == []
    assert result.plan is not None
    assert result.plan.themes[0].label == "PARENTALITÉ"


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    """A Latin-1 file gets a not-utf8 error at the first bad byte."""
    path = tmp_path / "plan.yaml"
    path.write_bytes(MINIMAL_PLAN.encode("latin-1"))
    [problem] = load_plan(path).problems
    assert (problem.line, problem.col, problem.code) == (7, 32, "not-utf8")
    assert "0xc9" in problem.message


def test_missing_file_raises_the_user_error(tmp_path: Path) -> None:
    """A missing file is a CtgError naming it, not a traceback."""
    with pytest.raises(CtgError, match=r"nope\.yaml: no such file"):
        load_plan(tmp_path / "nope.yaml")


def test_directory_raises_the_user_error(tmp_path: Path) -> None:
    """A folder given as the plan is a CtgError that says so."""
    with pytest.raises(CtgError, match="is a folder"):
        load_plan(tmp_path)


def test_nested_aliases_neither_explode_nor_take_time(write: Write) -> None:
    """A billion-laughs file of a few hundred bytes is refused quickly and cheaply."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    path = write("\n".join(lines) + "\n")
    assert path.stat().st_size < 600
    tracemalloc.start()
    started = time.perf_counter()
    problems = load_plan(path).problems
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert any(p.code == "yaml-alias" for p in problems)
    assert peak < 5_000_000
    assert elapsed < 1.0


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    """A 50 MB file gets a file-too-large error, without being parsed."""
    path = tmp_path / "plan.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    [problem] = load_plan(path).problems
    assert (problem.line, problem.col, problem.code, problem.level) == (
        1, 1, "file-too-large", Level.ERROR)


YAMLISH = st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#\t\n ,?%@`0129é")),
                  max_size=80)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_any_text_gives_problems_never_an_exception(text: str) -> None:
    """Whatever the file holds, loading returns problems and never raises."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        result = load_plan(path)
        assert result.plan is None or result.problems == []
        for problem in result.problems:
            assert problem.line >= 1 and problem.col >= 1


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(MINIMAL_PLAN) - 1), YAMLISH)
def test_edited_plan_gives_located_problems(at: int, inserted: str) -> None:
    """Random edits of a valid plan yield located problems, never an exception."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(MINIMAL_PLAN[:at] + inserted + MINIMAL_PLAN[at:], encoding="utf-8")
        result = load_plan(path)
        lines = path.read_text(encoding="utf-8").count("\n") + 2
        for problem in result.problems:
            assert 1 <= problem.line <= lines


def test_dotted_ids_are_accepted_and_numbers_need_quotes(write: Write) -> None:
    """Numbering such as "1.3" is a valid id when quoted; unquoted, YAML makes it a number."""
    quoted = MINIMAL_PLAN.replace("id: PAR-1", 'id: "1.3"')
    assert spots(write(quoted)) == []
    [problem] = load_plan(write(MINIMAL_PLAN.replace("id: PAR-1", "id: 1.3"))).problems
    assert (problem.line, problem.col, problem.code) == (20, 9, "bad-id")
    assert problem.message == "id: YAML reads 1.3 as a number: write the id in quotes ('1.3')"
