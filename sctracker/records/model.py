"""The record model: every field of an event record, of the partner groups and of the source list, defined once.

The loader validates with these models; ``reference`` generates ``curated/event.schema.json``, the README's
field reference and ``curated/TEMPLATE.yaml`` from them. Each field's first example is the value the
template shows; a further example illustrates a field the template leaves empty.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError

STATUSES = ("held", "signed", "announced", "planned", "in_force")
STATUS_LABELS = {
    "held": "Held",
    "signed": "Signed",
    "announced": "Announced",
    "planned": "Planned",
    "in_force": "In force",
}
#: How precisely a publication date is known.
PRECISIONS = ("day", "month", "year")
#: How precisely an event's or a milestone's date is known: ``on_or_before`` is a bound, not a date (a
#: source reports the thing as already done and says no more): the date is then that of the source.
DATE_PRECISIONS = (*PRECISIONS, "on_or_before")
#: The stages of an agreement's or a measure's life, in the order they come.
STAGES = ("announced", "signed", "in_force", "ended")
STAGE_LABELS = {"announced": "announced", "signed": "signed", "in_force": "in force", "ended": "ended"}
#: Who takes part: a person, or an organization of one of these kinds.
PARTICIPANT_KINDS = ("person", "company", "agency", "ministry", "organization")
HOME_COUNTRY = "KOR"
#: Regions a group may be ordered under: the UN M49 regions, or World for a group across them.
GROUP_REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania", "World")
#: How a source's publication date was found.
PUBLISHED_BASES = ("date_line", "dateline", "page_header", "given", "inferred")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_text(value: object) -> object:
    """Accept only ``YYYY-MM-DD`` text, so that numbers and prose never pass as dates."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:  # 2025-02-30 and the like
        raise ValueError(f"{value!r} is not a calendar date ({err})") from None


def _partial_date_text(value: object) -> object:
    """A year (``2023``, YAML reads it as a number), a month (``2023-06``) or a day (``2023-06-14``), as text."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(f"must be a year, YYYY-MM or YYYY-MM-DD, got {value!r}")
    try:
        dt.date.fromisoformat((value + "-01-01")[:10])
    except ValueError as err:
        raise ValueError(f"{value!r} is not a calendar date ({err})") from None
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_text)]
PartialDate = Annotated[str, BeforeValidator(_partial_date_text)]
Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, Field(pattern=r"^https?://[^\s]+$")]


class Strict(BaseModel):
    """Base for every model here: unknown fields are errors and no value is coerced to another type."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Location(Strict):
    city: str | None = Field(None, description="City as the source names it.", examples=["Seoul"])
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code of the country where it took place.", examples=["KOR"])
    venue: str | None = Field(None, description="Venue as the source names it.", examples=["The Shilla Seoul"])


class Participant(Strict):
    """A person or an organization the sources name as taking part, with the side it takes part for."""

    name: Text = Field(description="A person's name, or an organization's, as printed.", examples=["Kim Dae-ja", "Microsoft"])
    kind: Literal[PARTICIPANT_KINDS] = Field("person", description="A person, or the kind of organization.", examples=["person", "company"])
    side: Text = Field(description="KOR, or the code of the record's partner it takes part for.", examples=["KOR", "USA"])
    role: str | None = Field(
        None, description="A person's title as printed; for an organization, its part as printed ('contractor').", examples=["President"]
    )
    organization: str | None = Field(
        None,
        description="For a person, the organization they speak for, as printed; for an organization, the one it belongs to.",
        examples=["Korean Agency for Technology and Standards"],
    )


class Figure(Strict):
    """A number the sources state: money with its currency, or a quantity with its unit."""

    label: Text = Field(description="What the number counts.", examples=["participants", "contract value"])
    value: float = Field(description="The number as a whole (6_500_000_000 for '$6.5 billion').", examples=[60, 6_500_000_000])
    qualifier: str | None = Field(None, description="'more than', 'about', … as printed.", examples=["more than"])
    unit: str | None = Field(
        None,
        description="For a quantity, what is counted ('experts', 'percent', 'tonnes'); for money, what it is per, if anything.",
        examples=["experts"],
    )
    currency: str | None = Field(None, description="For money: its ISO 4217 code.", examples=[None, "USD"])


class Milestone(Strict):
    """One stage of an agreement's or a measure's life, dated as precisely as the sources allow."""

    stage: Literal[STAGES] = Field(description="Which stage.", examples=["signed", "in_force"])
    date: IsoDate = Field(
        description="As the record's date: the first day of its month or year, or the source's date for on_or_before.",
        examples=["2023-11-14", "2024-02-24"],
    )
    date_precision: Literal[DATE_PRECISIONS] = Field(description="As the record's date_precision.", examples=["day"])
    date_inferred: bool = Field(False, description="True when the documents do not print this date in full.", examples=[False])
    date_note: str = Field("", description="Required when inferred or on_or_before: how the date was worked out.", examples=[""])


class SourceRef(Strict):
    source: Text = Field(
        description="Source id from seeds/sources.yaml (a file name, or file#N for a release of a bulletin).",
        examples=["001_9b46d61e6e31a0a3.txt#1"],
    )
    quote: Text = Field(
        description="A passage copied verbatim from that source; compared with whitespace runs collapsed.",
        examples=["held the 5th Korea–U.S. Standards Forum on Thursday, December 4"],
    )


_FORUM_QUOTES = [
    {
        "source": "001_9b46d61e6e31a0a3.txt#1",
        "quote": "The Korean Agency for Technology and Standards (KATS, President Kim Dae-ja) under the Ministry of Trade, "
        "Industry and Resources (MOTIR) held the 5th Korea–U.S. Standards Forum on Thursday, December 4, at The Shilla Seoul.",
    },
    {
        "source": "001_9b46d61e6e31a0a3.txt#1",
        "quote": "The event brought together more than 60 experts from the two countries’ public and private sectors, including the "
        "President of the American National Standards Institute (ANSI), representatives from the U.S. National Institute of "
        "Standards and Technology (NIST), and Microsoft.",
    },
]


class Event(Strict):
    """One event: a forum, dialogue, negotiation round, meeting, agreement, trade measure, …"""

    id: str = Field(
        pattern=r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$",
        description="Equals the file name without .yaml: the date, then a short lowercase slug.",
        examples=["2025-12-04-korea-us-standards-forum"],
    )
    title: Text = Field(description="A plain title; the event's own name where it has one.", examples=["5th Korea–U.S. Standards Forum"])
    event_type: Text = Field(description="An id from curated/event_types.yaml.", examples=["forum"])
    status: Literal[STATUSES] = Field(description="As the sources describe it.", examples=["held"])
    date: IsoDate = Field(
        description="First day; for month or year precision the first day of that month or year; for on_or_before the date of "
        "the source (or the meeting) that reports it as done.",
        examples=["2025-12-04"],
    )
    end_date: IsoDate | None = Field(None, description="Last day of a multi-day event.", examples=[None, "2025-12-05"])
    date_precision: Literal[DATE_PRECISIONS] = Field(
        description="How precisely the sources date it; on_or_before when a source only reports it as already done.",
        examples=["day", "on_or_before"],
    )
    date_inferred: bool = Field(description="True when the documents do not print the full date.", examples=[True])
    date_note: str = Field(
        "",
        description="Required when date_inferred or on_or_before: how the date was worked out.",
        examples=["The release prints 'Thursday, December 4' with no year; its date line is 2025-12-04, a Thursday."],
    )
    partners: list[Text] = Field(
        min_length=1,
        description="Who takes part (never KOR): ISO 3166-1 alpha-3 codes, group codes from curated/partners.yaml, or ISO "
        "3166-2 codes for a state or province.",
        examples=[["USA"], ["AU-WA"]],
    )
    sectors: list[Text] = Field(description="Ids from curated/sectors.yaml.", examples=[["standards", "ai"]])
    location: Location | None = Field(
        None,
        description="Where it took place, when the sources say.",
        examples=[{"city": "Seoul", "country": "KOR", "venue": "The Shilla Seoul"}],
    )
    participants: list[Participant] = Field(
        default_factory=list,
        description="People and organizations the sources name as taking part, each with its side.",
        examples=[
            [
                {
                    "name": "Kim Dae-ja",
                    "kind": "person",
                    "side": "KOR",
                    "role": "President",
                    "organization": "Korean Agency for Technology and Standards",
                },
                {"name": "Microsoft", "kind": "company", "side": "USA"},
            ]
        ],
    )
    summary: Text = Field(description="Two or three sentences in our own words.", examples=["Korea's standards agency hosted …"])
    figures: list[Figure] = Field(
        default_factory=list,
        description="Numbers the sources state.",
        examples=[
            [{"label": "participants", "value": 60, "qualifier": "more than", "unit": "experts"}],
            [{"label": "contract value", "value": 6_500_000_000, "qualifier": "about", "currency": "USD"}],
        ],
    )
    milestones: list[Milestone] = Field(
        default_factory=list,
        description="For an agreement or a measure: the stages of its life the sources date.",
        examples=[
            [],
            [
                {"stage": "signed", "date": "2023-11-14", "date_precision": "day"},
                {"stage": "in_force", "date": "2024-02-24", "date_precision": "day"},
            ],
        ],
    )
    sources: list[SourceRef] = Field(min_length=1, description="At least one source with a verbatim quote.", examples=[_FORUM_QUOTES])
    related: list[str] = Field(
        default_factory=list, description="Ids of linked records.", examples=[[], ["2025-12-03-kats-ansi-bilateral-meeting"]]
    )
    curation_note: str = Field(
        "",
        description="What in the record is not in a quote, and how it was worked out.",
        examples=["City Seoul is read from the venue's name."],
    )


#: The list fields of a record whose items are checked one by one when a record has problems.
_ITEM_MODELS = {"participants": Participant, "figures": Figure, "milestones": Milestone, "sources": SourceRef}


@functools.cache
def _field_adapter(name: str) -> TypeAdapter:
    field = Event.model_fields[name]
    annotation = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
    return TypeAdapter(annotation, config=ConfigDict(strict=True))


def partial_event(data: dict[str, Any], error: ValidationError) -> Event:
    """What of a record that failed validation can still be checked: every field that passed, None for the others.

    Lists of items keep their places (an item that failed is None), so that the rules that go on to check
    the rest can name ``sources[2]`` as the file has it. The result is for the rules only: it is not a valid
    record and never becomes a row.
    """
    failed = {item["loc"][0] for item in error.errors() if item["loc"]}
    values: dict[str, Any] = {}
    for name, field in Event.model_fields.items():
        if name not in data:
            values[name] = None if field.is_required() else field.get_default(call_default_factory=True)
        elif name not in failed:
            values[name] = _field_adapter(name).validate_python(data[name])
        elif name in _ITEM_MODELS and isinstance(data[name], list):
            values[name] = [_valid_or_none(_ITEM_MODELS[name], item) for item in data[name]]
        else:
            values[name] = None
    return Event.model_construct(**values)


def _valid_or_none(model: type[BaseModel], item: object) -> BaseModel | None:
    try:
        return model.model_validate(item)
    except ValidationError:
        return None


# ---- the partner vocabulary (curated/partners.yaml) ----


class Anchor(Strict):
    """Where a group's dot goes on the map: its seat, or a point a person would choose for it."""

    city: Text = Field(description="The place the point stands for.", examples=["Brussels"])
    country: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code of the country it lies in.", examples=["BEL"])
    lon: float = Field(ge=-180, le=180, description="Longitude, degrees east (-180 to 180).", examples=[4.3826])
    lat: float = Field(ge=-90, le=90, description="Latitude, degrees north.", examples=[50.8431])


class Member(Strict):
    """A member whose membership changed: the day (or month, or year) it joined or left."""

    code: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code.", examples=["GBR"])
    joined: PartialDate | None = Field(None, description="When it joined: YYYY-MM-DD, YYYY-MM or YYYY.", examples=["2013-07-01"])
    left: PartialDate | None = Field(None, description="When it left, likewise.", examples=["2020-01-31"])


class GroupEntry(Strict):
    """A group a record can name as one partner: an organization, a partnership or a region."""

    code: str = Field(pattern=r"^[A-Z]{3}$", description="Three letters that are no ISO 3166-1 country code.", examples=["EUU"])
    name: Text = Field(description="As charts and tables show it.", examples=["European Union"])
    region: Literal[GROUP_REGIONS] = Field(description="A UN M49 region, or World, to order partners by.", examples=["Europe"])
    members: list[Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | Member] = Field(
        min_length=1,
        description="ISO alpha-3 codes of the member countries; one that joined or left is written with its dates.",
        examples=[["AUT", "BEL", {"code": "HRV", "joined": "2013-07-01"}, {"code": "GBR", "left": "2020-01-31"}]],
    )
    korea_member: bool = Field(False, description="True when Korea is itself a member (Korea is never listed as one).", examples=[False])
    aliases: list[Text] = Field(
        default_factory=list, description="Other names and acronyms articles use, for the drafter.", examples=[["EU", "the European Union"]]
    )
    anchor: Anchor = Field(description="Where its dot goes on the map (never the average of its members).")
    note: str = Field(
        "", description="Where the membership facts come from.", examples=["Croatia acceded 2013-07-01; the UK left 2020-01-31."]
    )


class NameEntry(Strict):
    """A name the project uses instead of the one derived from ISO (pycountry)."""

    code: str = Field(
        pattern=r"^(?:[A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3})$", description="ISO 3166-1 alpha-3 or ISO 3166-2 code.", examples=["RUS"]
    )
    name: Text = Field(description="The name to show.", examples=["Russia"])
    aliases: list[Text] = Field(default_factory=list, description="Other names articles use, for the drafter.", examples=[[]])


class PartnersFile(Strict):
    """``curated/partners.yaml``: what people decide about partners; every ISO country is a partner without it."""

    groups: list[GroupEntry] = Field(default_factory=list)
    names: list[NameEntry] = Field(default_factory=list)


class VocabularyEntry(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Text
    definition: Text
    headline: bool = False
    cues: list[Text] = Field(default_factory=list, description="Words in an article that signal this entry (the drafter matches them).")


# ---- the source list (seeds/sources.yaml) ----


class SourceEntry(Strict):
    """One source: a seed file, or one release of a bulletin file, with where it comes from (after OWID's origins)."""

    id: Text = Field(description="The file name, or file#N for the Nth release of a bulletin.", examples=["001_9b46d61e6e31a0a3.txt#1"])
    file: Text = Field(
        description="The file in seeds/ (named NNN_ and 16 hex digits; see the README).", examples=["001_9b46d61e6e31a0a3.txt"]
    )
    url: Url | None = Field(
        description="Where it was published; null when not known.", examples=["https://example.org/press/2025-12-04-standards"]
    )
    outlet: Text = Field(
        description="Who published it, as the document or its page shows; 'unknown' if neither does.", examples=["unknown"]
    )
    headline: Text = Field(
        description="As printed; [in brackets] when made up for a document without one.",
        examples=["Korea–U.S. to Strengthen Supply Chain Cooperation Through Standardization"],
    )
    language: str = Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 code of the text's language.", examples=["en"])
    published: IsoDate = Field(description="Publication date; for month or year precision the first day of it.", examples=["2025-12-04"])
    published_precision: Literal[PRECISIONS] = Field(description="How precisely it is known.", examples=["day"])
    published_basis: Literal[PUBLISHED_BASES] = Field(
        description="Where it comes from: a release's date line, an article's dateline, a page header, given by the curator "
        "from the page, or inferred from the text.",
        examples=["date_line"],
    )
    published_note: Text = Field(description="What the date is read from.", examples=["Release date line 'date2025-12-04'."])
    retrieved: IsoDate = Field(description="The day the text was copied into seeds/.", examples=["2026-11-23"])
    retrieved_note: str = Field("", description="Anything to know about the copy.", examples=[""])
    attribution: Text = Field(
        description="How to credit it, as people cite a source in a chart or a CSV.",
        examples=["“Korea–U.S. to Strengthen Supply Chain Cooperation Through Standardization”, press release, 4 Dec 2025"],
    )
    licence: str | None = Field(None, description="Its terms of reuse, where known.", examples=[None, "CC BY 4.0"])
