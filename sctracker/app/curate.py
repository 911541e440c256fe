"""The Curate page's pieces: a new article in (pasted, with its URL), the article with each draft's
evidence in its own colour, and each draft as a form with live validation, Publish and Discard.

Everything is written through the curation package (``curation.workbench``, ``curation.drafts``), the same
steps as ``python -m sctracker draft`` and ``publish``. When the dashboard is served to a team
(``SCTRACKER_READ_ONLY``) the page writes nothing. Article and record text is data: shown Markdown-escaped.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from sctracker import paths
from sctracker.curation.drafts import Draft, PublishError, discard, draft_problems, list_drafts, publish, read_draft, save_draft
from sctracker.curation.register import RegistrationError, decode_article, parse_given_date
from sctracker.curation.sentences import split_sentences
from sctracker.curation.workbench import draft_article
from sctracker.figures.markdown import escape_markdown
from sctracker.figures.sources_view import segments
from sctracker.records import model
from sctracker.records.countries import countries
from sctracker.records.load import Dataset
from sctracker.records.rules import Checks
from sctracker.records.store import READ_ONLY_ENV, WriteRefused, read_only

#: Each draft's evidence colour, in draft order (Streamlit's Markdown background colours).
COLOURS = ("blue", "green", "orange", "violet", "red", "yellow", "gray")
_CHOSEN = "curate-source"


def curate(dataset: Dataset) -> None:
    """The whole page below its title: a new article, then the drafts of one source."""
    curated, seeds = paths.curated_dir(), paths.seeds_dir()
    if read_only():
        st.info(f"This dashboard is served read-only ({READ_ONLY_ENV} is set): curate on your own machine, then share the records.")
        return
    new_article(curated, seeds)
    drafts = _drafts_on_disk(curated)
    if not drafts:
        st.caption("No drafts yet: paste an article above.")
        return
    by_source: dict[str, list[Draft]] = {}
    for draft in drafts:
        by_source.setdefault(_source_of(draft), []).append(draft)
    options = sorted(by_source, key=lambda s: (s != st.session_state.get(_CHOSEN), s))
    source = st.selectbox(
        "Drafts of source", options, key="curate-drafts-source", format_func=lambda s: f"{s} ({len(by_source[s])} drafts)"
    )
    text = dataset.sources.at[source, "text"] if source in dataset.sources.index else ""
    checks = Checks.of(dataset.vocab, dataset.sources)
    st.header("The article, with each draft's evidence")
    show_article(text, by_source[source])
    st.header("Drafts")
    for index, draft in enumerate(by_source[source]):
        draft_form(draft, index, text, dataset, checks, curated)


def new_article(curated: Path, seeds: Path) -> None:
    """Paste an article, give its URL: it is registered and drafted on submit.

    No file upload: Streamlit's uploader draws its drop zone as a labelled presentational element, a WCAG
    violation no page can fix (axe-core's presentation-role-conflict), and a text file's content pastes as well;
    ``python -m sctracker draft FILE`` takes a file.
    """
    with st.form("curate-new-article", clear_on_submit=False):
        st.markdown("**A new article**: paste its text (headline on the first line) and give its URL.")
        pasted = st.text_area("Article text", key="curate-text", height=200)
        url = st.text_input("URL", key="curate-url")
        columns = st.columns(3)
        published = columns[0].text_input("Published (YYYY-MM-DD, optional)", key="curate-published")
        headline = columns[1].text_input("Headline (optional)", key="curate-headline")
        outlet = columns[2].text_input("Outlet (optional)", key="curate-outlet")
        submitted = st.form_submit_button("Draft records")
    if not submitted:
        return
    try:
        text = decode_article(pasted.encode("utf-8"))  # the same checks as a file's (size, text)
        day = parse_given_date(published) if published.strip() else None
        result = draft_article(text, url, curated, seeds, published=day, headline=headline or None, outlet=outlet or None)
    except (RegistrationError, WriteRefused) as err:
        st.error(f"Nothing was written: {escape_markdown(str(err))}")
        return
    st.session_state[_CHOSEN] = result.sources[0].id
    st.session_state.pop("curate-drafts-source", None)
    st.session_state["curate-message"] = (
        f"Registered {', '.join(e.id for e in result.sources)} and wrote {len(result.drafts)} draft(s) below: review each, then Publish or Discard."
    )
    st.rerun()  # the data now hold the new source: read them again


def _drafts_on_disk(curated: Path) -> list[Draft]:
    drafts = []
    for path in list_drafts(curated):
        try:
            drafts.append(read_draft(path))
        except (OSError, ValueError) as err:
            st.warning(f"{escape_markdown(path.name)} cannot be read: {escape_markdown(str(err))}")
    return drafts


def _source_of(draft: Draft) -> str:
    sources = draft.data.get("sources") or [{}]
    return str(sources[0].get("source", "")) if isinstance(sources[0], dict) else ""


def colour_of(index: int) -> str:
    return COLOURS[index % len(COLOURS)]


def highlighted_markdown(text: str, drafts: list[Draft]) -> list[str]:
    """The article as Markdown paragraphs, each draft's quoted passages in its colour; all text escaped."""
    ids = [draft.id or f"draft {i}" for i, draft in enumerate(drafts)]
    citations = [
        (ids[i], ref.get("quote", "")) for i, draft in enumerate(drafts) for ref in draft.data.get("sources") or [] if isinstance(ref, dict)
    ]
    colour = {draft_id: colour_of(i) for i, draft_id in enumerate(ids)}
    paragraphs, current = [], []
    for part in segments(text, citations):
        for index, piece in enumerate(part.text.split("\n")):
            if index:
                paragraphs.append("".join(current))
                current = []
            if part.record_ids and piece.strip():
                current.append(f":{colour[part.record_ids[0]]}-background[{escape_markdown(piece)}]")
            else:
                current.append(escape_markdown(piece))
    paragraphs.append("".join(current))
    return [p for p in paragraphs if p.strip()]


def show_article(text: str, drafts: list[Draft]) -> None:
    legend = " · ".join(f":{colour_of(i)}-background[{escape_markdown(d.data.get('title') or d.id)}]" for i, d in enumerate(drafts))
    st.markdown(legend)
    with st.container(border=True, height=420):
        st.markdown("\n\n".join(highlighted_markdown(text, drafts)))


def draft_form(draft: Draft, index: int, text: str, dataset: Dataset, checks: Checks, curated: Path) -> None:
    """One draft as a form: every field, live validation, and Save, Publish and Discard."""
    data = draft.data
    key = f"curate-{draft.path.stem if draft.path else index}"
    label = f":{colour_of(index)}-background[{escape_markdown(data.get('title') or draft.id)}] · {escape_markdown(draft.id)}"
    with st.expander(label, expanded=index == 0):
        if draft.doubts:
            st.markdown("**The drafter was unsure of:**\n" + "\n".join(f"- {escape_markdown(d)}" for d in draft.doubts))
        if draft.notes:
            st.caption("Also in the text: " + escape_markdown("; ".join(draft.notes)))
        edited = _fields(data, key, text, dataset)
        problems = draft_problems(edited, checks, f"drafts/{edited.get('id', '')}.yaml")
        if problems:
            st.error(
                "To fix before publishing:\n"
                + "\n".join(f"- {escape_markdown(p.field or 'record')}: {escape_markdown(p.message)}" for p in problems)
            )
        else:
            st.success("No problems: ready to publish.")
        _actions(draft, edited, key, curated, checks, bool(problems))


def _fields(data: dict, key: str, text: str, dataset: Dataset) -> dict:
    vocab = dataset.vocab
    out = dict(data)
    out["id"] = st.text_input("Id (the date, then a slug; the file name)", data.get("id", ""), key=f"{key}-id")
    out["title"] = st.text_input("Title", data.get("title", ""), key=f"{key}-title")
    columns = st.columns(3)
    types = list(vocab.event_types.index)
    out["event_type"] = columns[0].selectbox(
        "Event type",
        types,
        index=_index(types, data.get("event_type")),
        format_func=lambda t: vocab.event_types.at[t, "label"],
        key=f"{key}-type",
    )
    out["status"] = columns[1].selectbox(
        "Status", model.STATUSES, index=_index(model.STATUSES, data.get("status")), format_func=model.STATUS_LABELS.get, key=f"{key}-status"
    )
    out["date_precision"] = columns[2].selectbox(
        "Date precision", model.PRECISIONS, index=_index(model.PRECISIONS, data.get("date_precision")), key=f"{key}-precision"
    )
    columns = st.columns(3)
    start = columns[0].date_input(
        "Date", _day(data.get("date")), min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31), key=f"{key}-date"
    )
    end = columns[1].date_input(
        "End date (multi-day)", _day(data.get("end_date")), min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31), key=f"{key}-end"
    )
    out["date"] = start.isoformat() if start else ""
    out["end_date"] = end.isoformat() if end else None
    out["date_inferred"] = columns[2].checkbox("Date worked out (not printed)", bool(data.get("date_inferred")), key=f"{key}-inferred")
    out["date_note"] = st.text_input("Date note: how the date was worked out", data.get("date_note", ""), key=f"{key}-note")
    partner_names = {code: vocab.partner_name(code) for code in vocab.partners.index} | {
        code: c.name for code, c in countries().items() if code != model.HOME_COUNTRY
    }
    chosen = [p for p in data.get("partners") or [] if isinstance(p, str)]
    options = list(dict.fromkeys([*vocab.partners.index, *chosen, *sorted(partner_names, key=partner_names.get)]))
    out["partners"] = st.multiselect(
        "Partners (type a name)", options, default=chosen, format_func=lambda c: f"{partner_names.get(c, c)} ({c})", key=f"{key}-partners"
    )
    sectors = list(vocab.sectors.index)
    out["sectors"] = st.multiselect(
        "Sectors",
        sectors,
        default=[s for s in data.get("sectors") or [] if s in sectors],
        format_func=vocab.sector_label,
        key=f"{key}-sectors",
    )
    location = data.get("location") or {}
    columns = st.columns(3)
    city = columns[0].text_input("City", location.get("city") or "", key=f"{key}-city")
    country = columns[1].text_input("Country (ISO alpha-3)", location.get("country") or "", key=f"{key}-country")
    venue = columns[2].text_input("Venue", location.get("venue") or "", key=f"{key}-venue")
    out["location"] = {"city": city or None, "country": country or None, "venue": venue or None} if city or country or venue else None
    out["participants"] = _table("People", data.get("participants") or [], ["name", "side", "role", "organization"], f"{key}-people")
    out["figures"] = [
        {**row, "value": _number(row.get("value"))}
        for row in _table("Figures", data.get("figures") or [], ["label", "value", "qualifier", "unit"], f"{key}-figures")
    ]
    out["sources"] = _quotes(data, key, text)
    out["summary"] = st.text_area("Summary (in your own words)", data.get("summary", ""), key=f"{key}-summary")
    out["curation_note"] = st.text_area("Curation note", data.get("curation_note", ""), key=f"{key}-curation-note")
    return out


def _quotes(data: dict, key: str, text: str) -> list[dict]:
    """The quotes as an editable table, and a sentence of the article to add as a quote (Streamlit cannot
    read a text selection, so a curator picks the sentence)."""
    refs = [r for r in data.get("sources") or [] if isinstance(r, dict)]
    source = refs[0]["source"] if refs else ""
    added = st.session_state.setdefault(f"{key}-added", [])
    rows = _table(
        "Quotes (verbatim from the article)",
        [{"quote": r.get("quote", "")} for r in refs] + [{"quote": q} for q in added],
        ["quote"],
        f"{key}-quotes",
    )
    sentences = [s.text for s in split_sentences(text)]
    columns = st.columns([4, 1])
    pick = columns[0].selectbox("Add a sentence of the article as a quote", [""] + sentences, key=f"{key}-pick")
    if columns[1].button("Add quote", key=f"{key}-add", disabled=not pick):
        added.append(pick)
        st.rerun()
    return [{"source": source, "quote": row["quote"]} for row in rows if row.get("quote")]


def _table(label: str, rows: list[dict], columns: list[str], key: str) -> list[dict]:
    frame = pd.DataFrame([{c: row.get(c) for c in columns} for row in rows if isinstance(row, dict)], columns=columns)
    st.caption(label)
    edited = st.data_editor(frame, num_rows="dynamic", hide_index=True, width="stretch", key=key)
    return [
        {c: (None if pd.isna(v) or v == "" else v) for c, v in row.items()}
        for row in edited.to_dict("records")
        if any(not pd.isna(v) and v != "" for v in row.values())
    ]


def _actions(draft: Draft, edited: dict, key: str, curated: Path, checks: Checks, has_problems: bool) -> None:
    target = paths.events_dir(curated) / f"{edited.get('id', '')}.yaml"
    replace = False
    if target.exists():
        replace = st.checkbox(f"Replace the existing record {escape_markdown(target.name)}", key=f"{key}-replace")
    columns = st.columns(3)
    if columns[0].button("Save draft", key=f"{key}-save"):
        draft.data = edited
        save_draft(draft)
        st.toast(f"Saved {draft.path.name}")
    if columns[1].button("Publish", key=f"{key}-publish", type="primary", disabled=has_problems or (target.exists() and not replace)):
        draft.data = edited
        try:
            published = publish(draft, curated, checks, overwrite=replace)
        except (PublishError, WriteRefused) as err:
            st.error(escape_markdown(str(err)))
        else:
            st.session_state["curate-message"] = f"Published {published.name}: the dashboard shows it now."
            st.rerun()
    if columns[2].button("Discard", key=f"{key}-discard"):
        st.session_state["curate-message"] = discard(draft)
        st.rerun()


def show_message() -> None:
    """The outcome of the last Publish or Discard, shown once."""
    message = st.session_state.pop("curate-message", None)
    if message:
        st.success(escape_markdown(message))


def _index(options, value) -> int:
    return list(options).index(value) if value in options else 0


def _day(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _number(value):
    try:
        return float(value) if value is not None else value
    except (TypeError, ValueError):
        return value
