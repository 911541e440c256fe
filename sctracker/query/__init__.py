"""The query over the events table: the filters (defined once), the view in a link, the view in words, and
whole-column helpers for the table's list columns."""
