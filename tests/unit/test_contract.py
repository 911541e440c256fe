"""The record contract for the real world, on the good fixture with records the tests write: any country, a
subdivision or a group as partner; organizations with their side; money in a currency; milestones; 'on or
before' dates; and messages a curator can act on, every problem of a file at once, each at its own line."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from sctracker.query.filters import Filters, apply_filters
from sctracker.records.events_table import figure_words
from sctracker.records.load import load
from sctracker.records.model import Figure
from sctracker.records.sources import first_difference
from tests.hostile_corpus import GOOD_RECORD, replace_line

BAD = "curated/events/2025-12-02-bad.yaml"
PACT = "2024-06-01-exampleland-minerals-pact"


def _write(curated, text: str, name: str = "2025-12-02-bad") -> None:
    (curated / "events" / f"{name}.yaml").write_text(text.replace("id: 2025-12-02-bad", f"id: {name}"), encoding="utf-8")


def _problems(dataset, path: str = BAD) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.field, p.message) for p in dataset.problems if p.path == path]


def _record(**fields: str) -> str:
    """The hostile corpus's good record with whole lines replaced: ``partners="partners: [JPN]"``."""
    text = GOOD_RECORD
    for key, line in fields.items():
        lines = text.splitlines(keepends=True)
        index = next(i for i, old in enumerate(lines) if old.startswith(f"{key}:"))
        lines[index] = line + "\n"
        text = "".join(lines)
    return text


# ---- partners at world scale ----


@pytest.mark.parametrize(
    "partners, names, counted",
    [
        ("[JPN]", ["Japan"], ["JPN"]),  # any ISO country, listed nowhere
        ("[AU-WA]", ["Western Australia (Australia)"], ["AUS"]),  # a state counts for its country
        ("[AUS, AU-WA]", ["Australia", "Western Australia (Australia)"], ["AUS"]),  # once
        ("[DE-BY]", ["Bavaria (Germany)"], ["DEU"]),  # a name override of partners.yaml
        ("[RUS]", ["Russian Federation"], ["RUS"]),  # no override in the fixture: ISO's name
    ],
)
def test_any_country_or_subdivision_is_a_partner_named_as_such(good_copy, partners, names, counted):
    curated, seeds = good_copy
    _write(curated, replace_line("partners:", f"partners: {partners}"))
    dataset = load(curated, seeds)
    assert dataset.problems == []
    row = dataset.events.set_index("id").loc["2025-12-02-bad"]
    assert (row["partner_names"], row["partner_countries"]) == (names, counted)


def test_a_country_filter_finds_its_subdivisions_events_and_a_group_only_its_own(good_copy):
    curated, seeds = good_copy
    _write(curated, replace_line("partners:", "partners: [AU-WA]"))
    events = load(curated, seeds).events
    assert list(apply_filters(events, Filters(partners=("AUS",)))["id"]) == ["2025-12-02-bad"]
    assert list(apply_filters(events, Filters(partners=("FRA",)))["id"]) == []  # a member does not find the EU's


@pytest.mark.parametrize(
    "code, message",
    [
        ("Japan", "unknown partner code 'Japan'; did you mean JPN (Japan)"),
        ("jpn", "did you mean JPN (Japan)"),
        ("EU", "did you mean EUU (European Union)"),
        ("Western Australia", "did you mean AU-WA (Western Australia (Australia))"),
        ("Polish", "did you mean POL (Poland)"),
        ("Korea", "Korea is the home country, never a partner"),
        ("KR-11", "KOR is the home country"),
        ("XYZ", "use an ISO 3166-1 alpha-3 code (JPN), a group code"),
        ("AU-XX", "unknown partner code 'AU-XX'"),
    ],
)
def test_an_unknown_partner_says_what_was_meant(good_copy, code, message):
    curated, seeds = good_copy
    _write(curated, replace_line("partners:", f"partners: [{code}]"))
    [(line, field, text)] = _problems(load(curated, seeds))
    assert (line, field) == (10, "partners[0]") and message in text


# ---- participants, figures ----


def test_an_organization_takes_part_for_a_side_that_must_be_korea_or_a_partner(good_copy):
    curated, seeds = good_copy
    people = (
        "participants:\n  - {name: Hyundai Rotem, kind: company, side: KOR, role: contractor}\n"
        "  - {name: Armament Agency, kind: agency, side: POL}\n  - {name: A Person, side: USA}"
    )
    _write(curated, replace_line("participants:", people))
    assert _problems(load(curated, seeds)) == [
        (15, "participants[1].side", "side must be KOR or one of the record's partners (USA), not 'POL'")
    ]
    _write(curated, replace_line("participants:", people).replace("partners: [USA]", "partners: [USA, POL]"))
    dataset = load(curated, seeds)
    assert dataset.problems == []
    [company, agency, person] = dataset.events.set_index("id").at["2025-12-02-bad", "participants"]
    assert (company["kind"], agency["kind"], person["kind"]) == ("company", "agency", "person")


@pytest.mark.parametrize(
    "figure, problem",
    [
        ("{label: contract, value: 6_500_000_000, qualifier: about, currency: USD}", None),
        ("{label: tariff, value: 25, unit: percent}", None),
        ("{label: price, value: 1200, currency: USD, unit: per tonne}", None),
        ("{label: contract, value: 6.5, currency: US dollars}", ("figures[0].currency", "'US dollars' is not an ISO 4217 currency code")),
        ("{label: contract, value: 6.5}", ("figures[0]", "give a currency (money, ISO 4217) or a unit")),
    ],
)
def test_money_has_an_iso_4217_currency_and_a_quantity_a_unit(good_copy, figure, problem):
    curated, seeds = good_copy
    _write(curated, replace_line("figures:", f"figures: [{figure}]"))
    problems = [(field, text) for _, field, text in _problems(load(curated, seeds))]
    if problem is None:
        assert problems == []
    else:
        [(field, text)] = problems
        assert field == problem[0] and problem[1] in text


# ---- lifecycles and 'on or before' dates ----

MILESTONES = """milestones:
  - {stage: announced, date: 2025-11-01, date_precision: month}
  - {stage: signed, date: 2025-12-02, date_precision: day}
  - {stage: in_force, date: 2026-03-01, date_precision: day}"""


def test_milestones_are_rows_labels_and_widen_the_dates_the_filters_match(good_copy):
    curated, seeds = good_copy
    _write(curated, replace_line("figures:", f"figures: []\n{MILESTONES}").replace("status: held", "status: signed"))
    dataset = load(curated, seeds)
    assert dataset.problems == []
    row = dataset.events.set_index("id").loc["2025-12-02-bad"]
    assert [m["label"] for m in row["milestones"]] == ["announced Nov 2025", "signed 2 Dec 2025", "in force 1 Mar 2026"]
    assert (row["span_start"], row["span_end"]) == (pd.Timestamp("2025-11-01"), pd.Timestamp("2026-03-01"))
    in_force_month = Filters(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))
    assert "2025-12-02-bad" in set(apply_filters(dataset.events, in_force_month)["id"])


@pytest.mark.parametrize(
    "milestones, expected",
    [
        (
            "milestones: [{stage: signed, date: 2026-01-05, date_precision: day}, {stage: in_force, date: 2025-12-01, date_precision: day}]",
            (16, "milestones", "in_force (2025-12-01) comes before signed (2026-01-05)"),
        ),
        (
            "milestones: [{stage: signed, date: 2025-12-01, date_precision: day}, {stage: signed, date: 2025-12-02, date_precision: day}]",
            (16, "milestones[1].stage", "stage signed is given twice"),
        ),
        ("milestones: [{stage: in_force, date: 2025-12-03, date_precision: on_or_before}]", (16, "milestones[0].date_note", "required")),
        ("milestones: [{stage: signed, date: 2025-06-15, date_precision: month}]", (16, "milestones[0].date", "first of the month")),
        ("milestones: [{stage: ratified, date: 2025-06-15, date_precision: day}]", (16, "milestones[0].stage", "'announced'")),
    ],
)
def test_milestones_that_contradict_themselves_are_problems(good_copy, milestones, expected):
    curated, seeds = good_copy
    _write(curated, replace_line("figures:", f"figures: []\n{milestones}"))
    line, field, fragment = expected
    assert any(p[:2] == (line, field) and fragment in p[2] for p in _problems(load(curated, seeds))), _problems(load(curated, seeds))


def test_an_on_or_before_date_is_written_by_that_day_and_open_towards_the_past(good_copy):
    curated, seeds = good_copy
    text = _record(
        date="date: 2025-12-02",
        date_precision="date_precision: on_or_before",
        date_note="date_note: Reported as already held at the forum of 2 December; no date of its own.",
    )
    _write(curated, text)
    dataset = load(curated, seeds)
    assert dataset.problems == []
    row = dataset.events.set_index("id").loc["2025-12-02-bad"]
    assert row["date_label"] == "by 2 Dec 2025" and pd.isna(row["span_start"]) and row["span_end"] == pd.Timestamp("2025-12-02")
    assert "2025-12-02-bad" in set(apply_filters(dataset.events, Filters(date_to=dt.date(2020, 1, 1)))["id"])  # may be long before
    assert "2025-12-02-bad" not in set(apply_filters(dataset.events, Filters(date_from=dt.date(2025, 12, 3)))["id"])


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"date_precision": "date_precision: on_or_before"}, (9, "date_note", "required with on_or_before")),
        (
            {"date": "date: 2025-12-20", "date_precision": "date_precision: on_or_before", "date_note": "date_note: x"},
            (5, "date", "the cited sources were published by 2025-12-03"),
        ),
        ({"date": "date: 2025-12-20"}, (5, "date", "status held but dated after every cited source")),
    ],
)
def test_a_date_a_source_could_not_report_is_a_problem(good_copy, fields, expected):
    curated, seeds = good_copy
    _write(curated, _record(**fields))
    line, field, fragment = expected
    assert any(p[:2] == (line, field) and fragment in p[2] for p in _problems(load(curated, seeds))), _problems(load(curated, seeds))


# ---- messages a curator can act on ----


def test_a_quote_that_differs_by_one_character_says_which(good_copy):
    curated, seeds = good_copy
    _write(curated, GOOD_RECORD.replace("2nd Korea–Testland", "2nd Korea-Testland"))
    [(line, field, message)] = _problems(load(curated, seeds))
    assert (line, field) == (17, "sources[0].quote")
    assert (
        "at character 19 of the quote (after 'held the 2nd Korea') the quote has '-' (HYPHEN-MINUS) where the source has '–' (EN DASH)"
        in message
    )


def test_a_straight_apostrophe_is_told_from_a_typographic_one():
    said = first_difference("Canada's announcement", "Canada’s announcement")
    assert (
        said
        == "at character 7 of the quote (after 'Canada') the quote has \"'\" (APOSTROPHE) where the source has '’' (RIGHT SINGLE QUOTATION MARK)"
    )


def test_one_bad_field_hides_no_other_problem_in_the_file(good_copy):
    curated, seeds = good_copy
    text = _record(status="status: finished", sectors="sectors: [battery]", partners="partners: [Japan]")
    _write(curated, text.replace("2nd Korea", "3rd Korea"))
    fields = {field for _, field, _ in _problems(load(curated, seeds))}
    assert fields == {"status", "sectors[0]", "partners[0]", "sources[0].quote"}
    messages = " ".join(message for _, _, message in _problems(load(curated, seeds)))
    assert "did you mean 'batteries'" in messages and "did you mean JPN (Japan)" in messages


def test_a_mistyped_related_id_keeps_the_record_and_reports_the_link(good_copy):
    curated, seeds = good_copy
    _write(curated, replace_line("related:", "related: [2025-12-02-testland-battery-foum]"))
    dataset = load(curated, seeds)
    assert "2025-12-02-bad" in set(dataset.events["id"]) and dataset.rejected.empty
    assert _problems(dataset) == [
        (18, "related[0]", "no record has id '2025-12-02-testland-battery-foum' (did you mean '2025-12-02-testland-battery-forum'?)")
    ]


# ---- the source list, the seeds folder and the vocabularies: each problem at its own entry ----


def test_source_list_problems_are_reported_at_their_own_entry(good_copy):
    curated, seeds = good_copy
    listed = seeds / "sources.yaml"
    text = listed.read_text(encoding="utf-8")
    third = text.index("- id: 001_")
    edited = text[:third] + text[third:].replace("url: null", "url: https://example.org/releases/2").replace(
        "retrieved: 2026-02-01", "retrieved: 2025-01-01"
    )
    listed.write_text(edited, encoding="utf-8")
    # a URL names one document (the releases of a bulletin may share one); nothing is retrieved before it is published
    assert [(p.line, p.field, p.message) for p in load(curated, seeds).problems] == [
        (27, "001_f25ae13499e1e454.txt.url", "the same URL is listed for 000_4e5a9cc05a6421ba.txt"),
        (35, "001_f25ae13499e1e454.txt.retrieved", "retrieved on 2025-01-01, before it was published"),
    ]
    listed.write_text(text[:third] + text[third:].replace("language: en", "language: english"), encoding="utf-8")
    problems = [(p.line, p.field, p.message) for p in load(curated, seeds).problems if p.path == "seeds/sources.yaml"]
    assert problems == [(30, "001_f25ae13499e1e454.txt.language", "String should match pattern '^[a-z]{2}$'")]


def test_every_file_in_seeds_is_listed_and_named_by_the_rule(good_copy):
    curated, seeds = good_copy
    (seeds / "002_0123456789abcdef.txt").write_text("An article no entry lists.\n", encoding="utf-8")
    (seeds / "notes.txt").write_text("Not a source.\n", encoding="utf-8")
    (seeds / ".DS_Store").write_text("", encoding="utf-8")
    messages = {(p.path, p.message) for p in load(curated, seeds).problems}
    assert messages == {
        ("seeds/002_0123456789abcdef.txt", "no entry of sources.yaml lists this file: register it or remove it"),
        ("seeds/notes.txt", "no entry of sources.yaml lists this file: register it or remove it"),
    }


def test_a_listed_file_must_follow_the_naming_rule(good_copy):
    curated, seeds = good_copy
    (seeds / "001_f25ae13499e1e454.txt").rename(seeds / "article.txt")
    listed = seeds / "sources.yaml"
    listed.write_text(listed.read_text(encoding="utf-8").replace("001_f25ae13499e1e454.txt", "article.txt"), encoding="utf-8")
    curated_records = curated / "events" / "2026-01-22-union-chip-dialogue.yaml"
    curated_records.write_text(
        curated_records.read_text(encoding="utf-8").replace("001_f25ae13499e1e454.txt", "article.txt"), encoding="utf-8"
    )
    [problem] = load(curated, seeds).problems
    assert (problem.line, problem.field) == (26, "article.txt.file") and "named NNN_ and 16 lowercase hex digits" in problem.message


def test_group_problems_are_reported_at_their_own_entry(good_copy):
    curated, seeds = good_copy
    partners = curated / "partners.yaml"
    text = partners.read_text(encoding="utf-8").replace("[FRA, DEU,", "[FRA, DEU, KOR, XYZ,")
    text = text.replace("names:\n", "names:\n  - {code: EUU, name: Union}\n") + "  - {code: XX-YY, name: Nowhere}\n"
    partners.write_text(text, encoding="utf-8")
    assert [(p.line, p.field, p.message) for p in load(curated, seeds).problems] == [
        (5, "EUU.members[2]", "Korea is never a member here; set korea_member: true"),
        (5, "EUU.members[3]", "'XYZ' is not an ISO 3166-1 alpha-3 code"),
        (9, "EUU.code", "is a group's code: give the group's name in its own entry"),
        (11, "XX-YY.code", "'XX-YY' is not an ISO 3166-2 subdivision code"),
    ]


def test_a_group_with_a_country_code_is_a_problem(good_copy):
    curated, seeds = good_copy
    partners = curated / "partners.yaml"
    partners.write_text(partners.read_text(encoding="utf-8").replace("code: EUU", "code: BEL"), encoding="utf-8")
    problems = [(p.line, p.field) for p in load(curated, seeds).problems if p.path == "curated/partners.yaml"]
    assert problems == [(2, "BEL.code")]


def test_headline_sectors_come_first(good_copy):
    curated, seeds = good_copy
    sectors = curated / "sectors.yaml"
    sectors.write_text(
        sectors.read_text(encoding="utf-8") + "- {id: steel, label: Steel, headline: true, definition: Steel.}\n", encoding="utf-8"
    )
    [problem] = load(curated, seeds).problems
    assert (problem.path, problem.line, problem.field) == ("curated/sectors.yaml", 6, "steel.headline")


@pytest.mark.parametrize(
    "figure, text",
    [
        ({"label": "contract", "value": 6_500_000_000, "qualifier": "about", "currency": "USD"}, "about USD 6.5 billion"),
        ({"label": "trade", "value": 13_700_000_000, "currency": "USD"}, "USD 13.7 billion"),
        ({"label": "experts", "value": 60, "qualifier": "more than", "unit": "experts"}, "more than 60 experts"),
        ({"label": "price", "value": 1200, "currency": "USD", "unit": "per tonne"}, "USD 1,200 per tonne"),
        ({"label": "quota", "value": 75, "unit": "percent"}, "75 percent"),
    ],
)
def test_a_figure_reads_as_people_say_it(figure, text):
    assert figure_words(Figure(**figure)) == text
