"""The record model: every field of an event record, its vocabularies and the source list, defined once.

The loader validates with these models; ``reference`` generates ``curated/event.schema.json`` and the
README's field reference from them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

STATUSES = ("held", "signed", "announced", "planned", "in_force")
STATUS_LABELS = {
    "held": "Held",
    "signed": "Signed",
    "announced": "Announced",
    "planned": "Planned",
    "in_force": "In force",
}
PRECISIONS = ("day", "month", "year")
HOME_COUNTRY = "KOR"

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


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_text)]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Base for every model here: unknown fields are errors and no value is coerced to another type."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Location(Strict):
    city: str | None = Field(None, description="City as the source names it.", examples=["Seoul"])
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code of the country where it took place.", examples=["KOR"])
    venue: str | None = Field(None, description="Venue as the source names it.", examples=["The Shilla Seoul"])


class Participant(Strict):
    name: Text = Field(description="The person's name as printed.", examples=["Kim Dae-ja"])
    side: Text = Field(description="KOR or the partner code of the side the person speaks for.", examples=["KOR"])
    role: str | None = Field(None, description="Title as printed.", examples=["President"])
    organization: str | None = Field(None, description="Organization as printed.", examples=["Korean Agency for Technology and Standards"])


class Figure(Strict):
    label: Text = Field(description="What the number counts.", examples=["participants"])
    value: float = Field(description="The number the source states.", examples=[60])
    qualifier: str | None = Field(None, description="'more than', 'about', … as the source says.", examples=["more than"])
    unit: str | None = Field(None, description="Unit of the value.", examples=["experts"])


class SourceRef(Strict):
    source: Text = Field(
        description="Source id from seeds/sources.yaml (a file name, or file#N for a release of the bulletin).",
        examples=["001_9b46d61e6e31a0a3.txt#1"],
    )
    quote: Text = Field(
        description="A passage copied verbatim from that source; compared with whitespace runs collapsed.",
        examples=["held the 5th Korea–U.S. Standards Forum on Thursday, December 4"],
    )


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
        description="First day; for month or year precision, the first day of that month or year.",
        examples=["2025-12-04"],
    )
    end_date: IsoDate | None = Field(None, description="Last day of a multi-day event.", examples=[None, "2025-12-04"])
    date_precision: Literal[PRECISIONS] = Field(description="How precisely the sources date it.", examples=["day"])
    date_inferred: bool = Field(description="True when the document does not print the full date.", examples=[False])
    date_note: str = Field("", description="Required when date_inferred: how the date was worked out.", examples=[""])
    partners: list[Text] = Field(min_length=1, description="Codes from curated/partners.yaml.", examples=[["USA"]])
    sectors: list[Text] = Field(description="Ids from curated/sectors.yaml.", examples=[["standards", "ai"]])
    location: Location | None = Field(None, description="Where it took place, when the sources say.")
    participants: list[Participant] = Field(default_factory=list, description="People the sources name.")
    summary: Text = Field(description="Two or three sentences in our own words.", examples=["Korea and the U.S. …"])
    figures: list[Figure] = Field(default_factory=list, description="Numbers the sources state.")
    sources: list[SourceRef] = Field(min_length=1, description="At least one source with a verbatim quote.")
    related: list[str] = Field(default_factory=list, description="Ids of linked records.", examples=[[]])
    curation_note: str = Field("", description="What in the record is not in a quote, and how it was worked out.", examples=[""])


class PartnerEntry(Strict):
    code: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3, or a group code.", examples=["USA"])
    name: Text = Field(description="Name (pycountry's for a country).", examples=["United States"])
    kind: Literal["country", "group"]
    region: Text = Field(description="Region used to order partners.", examples=["North America"])
    members: list[str] = Field(default_factory=list, description="For a group: its members' ISO codes.")


class VocabularyEntry(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Text
    definition: Text
    headline: bool = False
    cues: list[Text] = Field(default_factory=list, description="Words in an article that signal this entry (the drafter matches them).")


class SourceEntry(Strict):
    id: Text = Field(examples=["001_9b46d61e6e31a0a3.txt#1"])
    file: Text = Field(examples=["001_9b46d61e6e31a0a3.txt"])
    headline: Text
    outlet: Text = Field(description="As the document shows it, else 'unknown'.")
    published: IsoDate
    published_precision: Literal[PRECISIONS]
    published_basis: Literal["date_line", "page_header", "dateline", "inferred"]
    published_note: Text
