"""The record contract and loading: files on disk in, one validated events table and every problem out.

``model`` defines a record (and ``reference`` the schema and docs made from it); ``yaml_reader`` reads
YAML safely with line numbers; ``vocabularies`` and ``sources`` read what records refer to; ``rules``
check a record against them; ``events_table`` defines the table's columns and builds its rows; ``cache``
keeps results between runs; ``load`` puts it together.
"""
