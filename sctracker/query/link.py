"""The filters in a link: query parameters out, and back in with whatever is not valid set aside and said."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sctracker.query.filters import FILTER_FIELDS, Filters, choices
from sctracker.records.vocabularies import Vocabularies

#: The longest search text a link may carry.
MAX_TEXT = 200


def to_query(filters: Filters) -> dict[str, list[str]]:
    """The filters as query parameters (repeated keys for several values); empty filters are left out."""
    query: dict[str, list[str]] = {}
    for field, value in filters.chosen():
        if field.kind == "codes":
            query[field.key] = list(value)
        elif field.kind == "date":
            query[field.key] = [value.isoformat()]
        else:
            query[field.key] = [value]
    return query


def allowed_codes(vocab: Vocabularies) -> dict[str, set[str]]:
    """The valid values of each codes or choice filter, by filter name."""
    return {field.name: set(choices(field, vocab)) for field in FILTER_FIELDS if field.kind in ("codes", "choice")}


def from_query(query: dict[str, list[str]], allowed: dict[str, set[str]]) -> tuple[Filters, list[str]]:
    """Read filters from query parameters, ignoring what is not valid.

    Args:
        query: each parameter's values (``st.query_params.to_dict()`` gives only the last; pass ``get_all``).
        allowed: the valid codes of each codes filter, by filter name (``allowed_codes``).

    Returns:
        The filters, and one notice per ignored value saying what was ignored and why.
    """
    notices: list[str] = []
    values: dict[str, object] = {}
    for field in FILTER_FIELDS:
        given = [value for value in query.get(field.key, []) if value is not None]
        if not given:
            continue
        if field.kind == "date":
            try:
                values[field.name] = dt.date.fromisoformat(given[-1])
            except ValueError:
                notices.append(f"Ignored {field.key}={given[-1]!r}: not a date written YYYY-MM-DD.")
        elif field.kind == "text":
            values[field.name] = given[-1][:MAX_TEXT]
        elif field.kind == "choice":
            if given[-1] in allowed[field.name]:
                values[field.name] = given[-1]
            else:
                notices.append(f"Ignored {field.key}={given[-1]!r}: not one of {', '.join(sorted(allowed[field.name]))}.")
        else:
            good = [value for value in dict.fromkeys(given) if value in allowed[field.name]]
            for bad in dict.fromkeys(value for value in given if value not in allowed[field.name]):
                notices.append(f"Ignored {field.key}={bad!r}: no such {field.noun or field.key} in the records' vocabulary.")
            if good:
                values[field.name] = tuple(good)
    filters = Filters(**values)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        notices.append(f"Ignored the date range: 'from' ({filters.date_from}) is after 'to' ({filters.date_to}).")
        filters = dataclasses.replace(filters, date_from=None, date_to=None)
    return filters, notices
