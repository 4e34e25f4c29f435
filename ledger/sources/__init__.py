"""Sources: reading articles (encodings, cleaning with an offset map back to
the original) and the sources table (``seeds/sources.csv``)."""
from ledger.sources.articles import (
    CleanText,
    OffsetMap,
    clean,
    detect_script,
    read_article,
    to_simplified,
)
from ledger.sources.table import (
    ARTICLES_DIR,
    PUBLISHED_BASES,
    SCRIPTS,
    SOURCE_COLUMNS,
    SOURCE_SPECS,
    SOURCES_NAME,
    find_sources,
    infer_published,
    infer_publisher,
    load_sources,
    parse_published,
    read_sources,
    register_sources,
    source_record,
)

__all__ = [
    "ARTICLES_DIR",
    "PUBLISHED_BASES",
    "SCRIPTS",
    "SOURCES_NAME",
    "SOURCE_COLUMNS",
    "SOURCE_SPECS",
    "CleanText",
    "OffsetMap",
    "clean",
    "detect_script",
    "find_sources",
    "infer_published",
    "infer_publisher",
    "load_sources",
    "parse_published",
    "read_article",
    "read_sources",
    "register_sources",
    "source_record",
    "to_simplified",
]
