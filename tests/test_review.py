"""`ctg report`: the review's figures, its Markdown and JSON (golden files), HTML and XLSX."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ctgplan import record_input, review
from ctgplan.cli import app
from ctgplan.i18n import use_language
from ctgplan.reading import load_plan
from ctgplan.revisions import revision
from tests.conftest import ROOT, SHIPPED_PLAN

runner = CliRunner()
GOLDEN = ROOT / "tests" / "golden"
TODAY = dt.date(2026, 12, 1)
TARGETED = (
    "      - {id: QT2, kind: quantitative, unit: count, label: Nombre de rdv organisés, "
    "baseline: {value: 40, year: 2025}, direction: increase, targets: {2026: 60, 2028: 100}}\n"
    "      - {id: QL1, kind: qualitative, label: Satisfaction des administrés, "
    "direction: maintain, targets: {2026: 80}}\n")


def _record(plan: Path, *args: str) -> None:
    result = runner.invoke(app, [*args, "--plan", str(plan), "--by", "Camille Martin"])
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The shipped plan (IAD-6 given a baseline and targets) with a few values and statuses."""
    path = tmp_path / "data" / "plan.yaml"
    path.parent.mkdir()
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    before = ("      - {id: QT2, kind: quantitative, unit: count, label: Nombre de rdv organisés}\n"
              "      - {id: QL1, kind: qualitative, label: Satisfaction des administrés}\n")
    assert text.count(before) == 1
    path.write_text(text.replace(before, TARGETED), encoding="utf-8")
    monkeypatch.setattr(record_input, "now_utc", lambda: "2026-11-29T10:00:00Z")
    for args in (["IAD-6", "QT1", "3", "--year", "2025"], ["IAD-6", "QT2", "45", "--year", "2025"],
                 ["IAD-6", "QT2", "58", "--year", "2026", "--source", "agenda partagé"],
                 ["IAD-6", "QL1", "Accueil apprécié", "--year", "2025", "--respondents", "20",
                  "--satisfied", "75"],
                 ["IAD-6", "QL1", "Rendez-vous jugés utiles | à poursuivre", "--year", "2026",
                  "--respondents", "32", "--satisfied", "84,5"],
                 ["PAR-2", "QT1", "4", "--year", "2026"]):
        _record(path, "record", *args)
    for args in (["IAD-6", "en cours", "--year", "2025"],
                 ["IAD-6", "en cours", "--year", "2026", "--note", "2 référents sur 3",
                  "--decision", "Poursuivre en 2027"],
                 ["PAR-2", "réalisée", "--year", "2026"],
                 ["PAR-1", "en pause", "--year", "2026", "--note", "Pas de chargé de mission"]):
        _record(path, "status", *args)
    use_language("fr")
    yield path
    use_language(None)


def built(plan: Path, year: int | None = 2026) -> review.Review:
    """The review of the test plan, made on a fixed day."""
    loaded = load_plan(plan).plan
    assert loaded is not None
    from ctgplan import reading, review_build, status_query
    from ctgplan.revisions import revision

    records, errors = reading.load_statuses(plan)
    made, unreadable = review_build.build(
        loaded, reading.values_by_action(plan, loaded), status_query.current(records),
        year=year, final=year is None, today=TODAY, revision=revision(plan.parent))
    unreadable += errors
    assert unreadable == 0
    return made


def golden(name: str, text: str) -> None:
    """Compare ``text`` with tests/golden/NAME (CTG_UPDATE_GOLDEN=1 rewrites it)."""
    path = GOLDEN / name
    if os.environ.get("CTG_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


def test_review_figures(plan: Path) -> None:
    """Status counts, outcomes and direction-aware rates as ctg show computes them."""
    made = built(plan)
    assert made.years == [2025, 2026]
    assert made.summary.statuses == {"a-venir": 0, "en-cours": 1, "realisee": 1,
                                     "reportee": 1, "abandonnee": 0, "none": 16}
    assert (made.summary.indicators, made.summary.with_value) == (62, 3)
    assert made.summary.outcomes == {"met": 1, "not-met": 1, "not-measurable": 60}
    iad = next(a for t in made.themes for a in t.actions if a.id == "IAD-6")
    qt2, ql1 = iad.indicators[1], iad.indicators[2]
    assert [(y.year, y.value, y.target, y.target_year, y.rate) for y in qt2.years] == [
        (2025, 45.0, 100.0, 2028, 8.3), (2026, 58.0, 60.0, 2026, 90.0)]
    assert (qt2.outcome, qt2.rate) == ("not-met", 90.0)
    assert (ql1.outcome, ql1.rate, ql1.years[1].survey) == (
        "met", 100.0, review.Survey("Rendez-vous jugés utiles | à poursuivre", 32, 84.5, None))
    assert iad.status is not None and iad.status.decision == "Poursuivre en 2027"
    assert [(m.kind, m.indicator) for m in made.missing if m.action == "IAD-6"] == [
        ("value", "QT1")]
    assert [(m.kind, m.indicator) for m in made.missing if m.action == "PAR-2"] == [
        ("value", "QT2"), ("value", "QL1")]


def test_quarterly_values_add_up_as_ctg_show_counts_them(plan: Path) -> None:
    """A count measured by quarter: the year's value is the total of the quarters in force
    (a withdrawn quarter left out), compared with the yearly target as `ctg show` does;
    a quarter holding two values in force (a merge) leaves the year without a value."""
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("label: Nombre de rdv organisés, ",
                                 "label: Nombre de rdv organisés, frequency: quarter, ", 1),
                    encoding="utf-8")
    for quarter, value in (("1", "12"), ("2", "15"), ("3", "9")):
        _record(plan, "record", "IAD-6", "QT2", value, "--year", "2027", "--quarter", quarter)

    def qt2_2027() -> tuple[float | None, str | None, float | None]:
        iad = next(a for t in built(plan, 2027).themes for a in t.actions if a.id == "IAD-6")
        year = next(y for y in iad.indicators[1].years if y.year == 2027)
        return year.value, year.period, year.rate

    assert qt2_2027() == (36.0, "2027-Q3", -6.7)  # (36 - 40) / (100 - 40), target of 2028
    _record(plan, "record", "IAD-6", "QT2", "--year", "2027", "--quarter", "3", "--withdraw",
            "--reason", "doublon")
    assert qt2_2027() == (27.0, "2027-Q2", -21.7)
    with (plan.parent / "measurements" / "IAD-6.yaml").open("a", encoding="utf-8") as handle:
        handle.write("- {action: IAD-6, indicator: QT2, period: 2027-Q2, value: 16, "
                     "recorded_by: B, recorded_at: '2026-11-30T10:00:00Z'}\n")
    assert qt2_2027() == (None, "2027-Q2", None)


def test_final_review_covers_every_year(plan: Path) -> None:
    """--final: every year of the plan, each action's latest status and its history."""
    made = built(plan, None)
    assert (made.years, made.cover.final, made.cover.year) == ([2025, 2026, 2027, 2028],
                                                              True, None)
    iad = next(a for t in made.themes for a in t.actions if a.id == "IAD-6")
    assert [s.year for s in iad.statuses] == [2025, 2026]
    assert [y.year for y in iad.indicators[1].years] == [2025, 2026, 2027, 2028]
    assert made.missing == []


def test_markdown_golden(plan: Path) -> None:
    """The Markdown report of the shipped plan, in French number and date formats."""
    from ctgplan.render_report import markdown

    golden("report-2026.md", markdown(built(plan)))


def test_final_markdown_golden(plan: Path) -> None:
    """The end-of-convention review in Markdown."""
    from ctgplan.render_report import markdown

    golden("report-final.md", markdown(built(plan, None)))


def test_json_golden(plan: Path) -> None:
    """The JSON report: the documented, stable contract."""
    text = review.to_json(built(plan))
    golden("report-2026.json", text)
    data = json.loads(text)
    assert list(data) == ["cover", "years", "summary", "themes", "missing", "format_version"]
    assert data["format_version"] == 1


def test_cli_writes_each_format(plan: Path, tmp_path: Path) -> None:
    """The format follows the file's extension; json and markdown can go to stdout."""
    for name in ("bilan.html", "bilan.md", "bilan.xlsx", "bilan.json"):
        result = runner.invoke(app, ["report", "--year", "2026", "-o", str(tmp_path / name),
                                     "--plan", str(plan)])
        assert (result.exit_code, result.stdout, result.stderr) == (
            0, f"Wrote {tmp_path / name}\n", "")
    assert (tmp_path / "bilan.xlsx").read_bytes()[:2] == b"PK"
    assert (tmp_path / "bilan.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(app, ["report", "--year", "2026", "--format", "json", "-o", "-",
                                 "--plan", str(plan)])
    assert json.loads(result.stdout)["cover"]["year"] == 2026


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--year", "2031"], 1, "ctg: error: --year 2031 is outside the plan period 2025-2028\n"),
    (["--year", "2026", "--format", "html", "-o", "-"], 1,
     "ctg: error: -o - writes markdown or json to stdout; give a file name for html\n"),
])
def test_cli_refusals(plan: Path, args: list[str], code: int, message: str) -> None:
    """Bad options are refused in one line, in the user's language (not the report's)."""
    use_language(None)
    result = runner.invoke(app, ["report", *args, "--plan", str(plan)])
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", message)


def test_cli_needs_a_year_or_final(plan: Path) -> None:
    """Without --year or --final, a usage error (exit 2)."""
    use_language(None)
    result = runner.invoke(app, ["report", "--plan", str(plan)])
    assert result.exit_code == 2
    assert "give the year under review, or --final" in result.stderr


def test_cover_names_the_git_revision(plan: Path, tmp_path: Path) -> None:
    """In a git repository, the cover gives the short revision and says when it is dirty."""
    import subprocess

    if shutil.which("git") is None:  # pragma: no cover - git is part of the test setup
        pytest.fail("git is needed")
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "commit", "-qm", "plan"]):
        subprocess.run(command, cwd=tmp_path, check=True, env=env)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=tmp_path, check=True,
                          capture_output=True, text=True).stdout.strip()
    assert revision(plan.parent) == (head, False)
    _record(plan, "record", "PAR-2", "QT2", "12", "--year", "2026")
    assert revision(plan.parent) == (head, True)
    assert built(plan).cover.revision == head


# HTML, as written --------------------------------------------------------------------


def html_of(plan: Path, year: int | None = 2026) -> str:
    """The HTML report of the test plan."""
    from ctgplan.render_report import html

    return html(built(plan, year))


def test_html_is_self_contained_and_accessible(plan: Path) -> None:
    """No script, no address to fetch; header cells have a scope; each chart a text."""
    text = html_of(plan)
    assert "<script" not in text
    addresses = set(re.findall(r"(?:https?:)?//[\w.-]+", text))
    assert addresses == {"http://www.w3.org"}  # SVG namespaces only: nothing is fetched
    assert "default-src 'none'" in text
    headers = re.findall(r"<th\b[^>]*>", text)
    assert headers and all("scope=" in h for h in headers)
    figures = re.findall(r"<figure class=\"chart[^\"]*\">(.*?)</figure>", text, re.S)
    assert len(figures) == 5  # summary, outcomes, themes, IAD-6 QT2 and QL1
    for figure in figures:
        label = re.search(r'role="img" aria-label="([^"]+)"', figure)
        assert label is not None and len(label.group(1)) > 20
        assert "<figcaption>" in figure
    assert 'aria-label="Satisfaction des administrés\u00a0: réalisé 2025\u00a0: 75\u00a0%, ' \
           '2026\u00a0: 84,5\u00a0%. Cibles 2026\u00a0: 80\u00a0%."' in text


def test_html_is_deterministic(plan: Path) -> None:
    """The same data gives the same bytes (chart ids come from the data, not chance)."""
    assert html_of(plan) == html_of(plan)


# XLSX, read back by another library --------------------------------------------------


def xlsx_of(plan: Path, tmp_path: Path, year: int | None = 2026) -> Path:
    """The workbook of the test plan, in a file."""
    from ctgplan.render_report_xlsx import workbook

    path = tmp_path / "tableau.xlsx"
    path.write_bytes(workbook(built(plan, year)))
    return path


def test_xlsx_read_back(plan: Path, tmp_path: Path) -> None:
    """openpyxl finds the sheets, real numbers and dates, formulas, filters and colours."""
    import openpyxl

    path = xlsx_of(plan, tmp_path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Synthèse", "Actions", "Indicateurs", "Reste à collecter"]
    summary = book["Synthèse"]
    assert summary["B7"].value == dt.datetime(2026, 12, 1)
    assert summary["B7"].number_format == "dd/mm/yyyy"
    assert summary["A10"].value == "Statut"
    assert summary["B11"].value == "=COUNTIF('Actions'!H:H,A11)"
    assert summary["B17"].value == "=SUM(B11:B16)"
    actions = book["Actions"]
    assert (actions.freeze_panes, actions.auto_filter.ref) == ("A2", "A1:M20")
    par1 = next(r for r in actions.iter_rows(values_only=True) if r[1] == "PAR-1")
    assert par1[5:13] == (2026, 2026, "Reportée", 2026, "Pas de chargé de mission", None,
                          "Camille Martin", dt.datetime(2026, 11, 29, 10, 0))
    indicators = book["Indicateurs"]
    assert indicators.freeze_panes == "A2"
    assert indicators.auto_filter.ref is not None
    rows = [r for r in indicators.iter_rows(values_only=True) if r[1] == "IAD-6"]
    qt2 = [r for r in rows if r[2] == "QT2"]
    assert [(r[7], r[8], r[9], r[10], r[11], r[12]) for r in qt2] == [
        (40, 2025, 2025, 100, 45, 0.083), (40, 2025, 2026, 60, 58, 0.9)]
    assert all(isinstance(r[11], int | float) for r in qt2)
    rated = next(r for r in indicators.iter_rows(min_row=2) if r[1].value == "IAD-6"
                 and r[2].value == "QT2")
    assert (rated[12].value, rated[12].number_format) == (0.083, "0.0%")
    assert (rated[19].value, rated[19].number_format) == (dt.datetime(2026, 11, 29, 10),
                                                         "dd/mm/yyyy hh:mm")
    ql1 = [r for r in rows if r[2] == "QL1"]
    assert ql1[1][13:17] == (32, 84.5, None, "Rendez-vous jugés utiles | à poursuivre")
    ranges = [str(r.sqref) for r in indicators.conditional_formatting]
    assert ranges and all(r.startswith("M2:M") for r in ranges)
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert sorted(charts) == ["xl/charts/chart1.xml", "xl/charts/chart2.xml"]


def test_xlsx_is_deterministic(plan: Path, tmp_path: Path) -> None:
    """The same data gives the same workbook bytes."""
    first = xlsx_of(plan, tmp_path).read_bytes()
    assert xlsx_of(plan, tmp_path).read_bytes() == first


def _tool(name: str) -> str | None:
    """The path of an external program; a failure when CTG_REQUIRE_TOOLS is set and it is
    missing, else a skip."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CTG_REQUIRE_TOOLS"):
            pytest.fail(f"{name} is required (CTG_REQUIRE_TOOLS is set) but not installed")
        pytest.skip(f"{name} is not installed (set CTG_REQUIRE_TOOLS=1 to make this fail)")
    return found


def test_xlsx_opens_in_libreoffice(plan: Path, tmp_path: Path) -> None:
    """LibreOffice opens the workbook and recomputes its formulas to the same counts."""
    import subprocess

    office = _tool("soffice") or "soffice"
    path = xlsx_of(plan, tmp_path)
    profile = tmp_path / "lo-profile"
    subprocess.run([office, "--headless", "--norestore",
                    f"-env:UserInstallation=file://{profile}", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(tmp_path / "csv"), str(path)],
                   check=True, capture_output=True, timeout=180)
    sheets = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "csv").glob("*.csv")}
    summary = next(text for name, text in sheets.items() if "Synthèse" in name)
    lines = summary.splitlines()
    assert "En cours;1" in lines and "Réalisée;1" in lines and "Total;19" in lines
    assert "Cible atteinte;1" in lines and "Pas encore mesurable;60" in lines


# In a real browser -------------------------------------------------------------------


def _artifacts() -> Path:
    folder = Path(os.environ.get("CTG_ARTIFACTS") or Path(
        os.environ.get("TMPDIR", "/tmp")) / "ctg-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def browser() -> Iterator[object]:
    """Headless Chromium from the system, driven by Playwright (no browser download)."""
    chromium = _tool("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in the dev extra
        pytest.fail("playwright is in the dev extra: pip install -e '.[dev]'")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            yield launched
        finally:
            launched.close()


def _open(browser: object, path: Path, width: int = 1100) -> tuple[object, list[str], list[str]]:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    page = browser.new_page(viewport={"width": width, "height": 900})
    messages: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, messages, requests


def test_html_in_chromium(plan: Path, tmp_path: Path, browser: object) -> None:
    """Opened in Chromium: no console message, no request but the file, every chart drawn,
    nothing wider than a phone's screen."""
    from playwright.sync_api import Page

    path = tmp_path / "bilan-2026.html"
    path.write_text(html_of(plan), encoding="utf-8")
    page, messages, requests = _open(browser, path)
    assert isinstance(page, Page)
    assert messages == []
    assert requests == [path.as_uri()]
    drawn = page.evaluate("""() => [...document.querySelectorAll('figure.chart')].map(f => {
        const svg = f.querySelector('svg'); const box = svg.getBoundingClientRect();
        return [box.width > 100 && box.height > 50,
                svg.querySelectorAll('rect, path').length > 3,
                f.querySelector('figcaption').textContent.length > 20]; })""")
    assert len(drawn) == 5
    assert all(all(flags) for flags in drawn)
    page.screenshot(path=str(_artifacts() / "report-2026.png"), full_page=False)
    page.set_viewport_size({"width": 380, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.screenshot(path=str(_artifacts() / "report-2026-phone.png"))


MARK_ROWS = """() => {
    let n = 0;
    for (const row of document.querySelectorAll('tbody tr, tfoot tr')) {
        const cells = row.querySelectorAll('th, td');
        cells[0].insertAdjacentText('afterbegin', `QQ${n}A `);
        cells[cells.length - 1].insertAdjacentText('beforeend', ` QQ${n}Z`);
        n += 1;
    }
    return n; }"""


def _pdf_pages(page: object, path: Path) -> list[str]:
    from playwright.sync_api import Page
    from pypdf import PdfReader

    assert isinstance(page, Page)
    page.emulate_media(media="print")
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    return [(p.extract_text() or "") for p in PdfReader(path).pages]


@pytest.mark.parametrize("year", [2026, None], ids=["yearly", "final"])
def test_pdf_from_chromium(plan: Path, tmp_path: Path, browser: object,
                           year: int | None) -> None:
    """Printed to A4 by Chromium: every action id is in the PDF's text, each theme starts
    a page, and no table row is cut across two pages (markers put at each row's first and
    last cell are found on one page)."""
    path = tmp_path / "bilan.html"
    path.write_text(html_of(plan, year), encoding="utf-8")
    page, messages, _requests = _open(browser, path)
    texts = _pdf_pages(page, tmp_path / "bilan.pdf")
    whole = "\n".join(texts)
    loaded = load_plan(plan).plan
    assert loaded is not None
    assert [a.id for a in loaded.actions if a.id not in whole] == []
    assert len(texts) >= 1 + 1 + len(loaded.themes)  # cover, summary, a page per theme
    rows = page.evaluate(MARK_ROWS)  # type: ignore[attr-defined]
    marked = _pdf_pages(page, tmp_path / "marked.pdf")
    assert rows > 50
    cut = []
    for n in range(rows):
        first = [i for i, t in enumerate(marked) if f"QQ{n}A" in t]
        last = [i for i, t in enumerate(marked) if f"QQ{n}Z" in t]
        assert len(first) == 1 and len(last) == 1, n
        if first != last:
            cut.append(n)
    assert cut == []
    assert messages == []


@pytest.mark.parametrize("rule", ["report", "turned-off"])
def test_tall_rows_are_kept_whole(plan: Path, tmp_path: Path, browser: object,
                                  rule: str) -> None:
    """Rows made a third of a page tall stay whole under the report's print rules; with
    those rules turned off, some row is split across two pages: the markers do reveal a
    cut (so the test above can fail) and the rule is what prevents it."""
    from playwright.sync_api import Page

    path = tmp_path / "bilan.html"
    path.write_text(html_of(plan), encoding="utf-8")
    page, _messages, _requests = _open(browser, path)
    assert isinstance(page, Page)
    if rule == "turned-off":
        page.add_style_tag(content="tr { break-inside: auto !important }")
    rows = page.evaluate(MARK_ROWS)
    page.evaluate("""() => { for (const row of document.querySelectorAll('tbody tr')) {
        row.lastElementChild.insertAdjacentHTML('afterbegin', '<br>'.repeat(25)); } }""")
    marked = _pdf_pages(page, tmp_path / "marked.pdf")
    cut = [n for n in range(rows)
           if [i for i, t in enumerate(marked) if f"QQ{n}A" in t]
           != [i for i, t in enumerate(marked) if f"QQ{n}Z" in t]]
    assert (cut == []) is (rule == "report")
    # The first table (actions by status, 9 themes) now spans pages: its header row,
    # the only place the word "Total" is written, is repeated on each of them.
    pages = {i for n in range(9) for i, t in enumerate(marked) if f"QQ{n}A" in t}
    assert len(pages) >= 2
    assert all("Total" in marked[i] for i in pages)


HOSTILE = """\
plan:
  title: "Plan <b>test</b> & co"
  territory: CC <script>alert(1)</script>
  adopted: 2025-11-24
  period: 2025-2028
themes:
  - {id: PAR, label: "PARENTALITÉ | <i>"}
partners:
  - {id: sas, name: "=HYPERLINK(\\"http://x\\")"}
needs:
  - {id: besoin, text: "**gras** et `code`"}
objectives:
  - {id: objectif, text: Un objectif}
actions:
  - id: PAR-1
    theme: PAR
    need: besoin
    objective: objectif
    action: "Réunions </svg><script>alert(2)</script>"
    lead: sas
    indicators:
      - {id: QT1, kind: quantitative, unit: count, label: "<img src=x onerror=alert(3)>"}
    calendar: 2025-2026
"""


def test_hostile_texts_stay_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Markup, formulas and Markdown in the plan's texts are shown, never interpreted."""
    import openpyxl

    from ctgplan.render_report import html, markdown
    from ctgplan.render_report_xlsx import workbook

    path = tmp_path / "data" / "plan.yaml"
    path.parent.mkdir()
    path.write_text(HOSTILE, encoding="utf-8")
    monkeypatch.setattr(record_input, "now_utc", lambda: "2026-11-29T10:00:00Z")
    _record(path, "record", "PAR-1", "QT1", "3", "--year", "2025")
    _record(path, "record", "PAR-1", "QT1", "5", "--year", "2026", "--note", "<b>")
    made = built(path)
    page = html(made)
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "Réunions &lt;/svg&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert page.count("<svg") == page.count("</svg>") == 4  # the indicator's chart drawn
    text = markdown(made)
    assert "PARENTALITÉ \\| &lt;i>" in text and "\\*\\*gras\\*\\*" in text
    book_path = tmp_path / "t.xlsx"
    book_path.write_bytes(workbook(made))
    book = openpyxl.load_workbook(book_path)
    assert book["Actions"]["D2"].value == '=HYPERLINK("http://x")'
    assert book["Actions"]["D2"].data_type == "s"


def test_report_to_a_missing_folder_is_refused(plan: Path, tmp_path: Path) -> None:
    """A report into a folder that does not exist is refused in one line."""
    target = tmp_path / "nowhere" / "bilan.html"
    result = runner.invoke(app, ["report", "--year", "2026", "-o", str(target), "--plan",
                                 str(plan)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"ctg: error: cannot write {target}: the folder {target.parent} does not "
               "exist\n")


def test_readme_report_examples_are_real(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's `ctg report` commands, run on the shipped plan in French, print what it
    shows."""
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The year's review for the steering committee"):]
    block = re.search(r"```console\n(.*?)```", section, re.S)
    assert block is not None
    (tmp_path / "data").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "data" / "plan.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CTG_PLAN", raising=False)
    monkeypatch.setenv("CTG_LANG", "fr")  # the README shows French, as people will see it
    pairs = re.findall(r"^\$ (ctg .*)\n((?:(?!\$ ).*\n)*)", block.group(1), re.M)
    assert len(pairs) == 3
    for command, shown in pairs:
        result = runner.invoke(app, shlex.split(command)[1:])
        assert result.stdout + result.stderr == shown, command
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bilan-2026.html", "bilan-final.html", "data", "tableau-de-bord-2026.xlsx"]
