"""The translation engine: source history, version records and section changes.

- :mod:`.history`: one ``git log`` pass; which source commits a translation lacks.
- :mod:`.records`: the source version record in a translation's frontmatter.
- :mod:`.sections`: which sections of a source changed between two versions.
"""

from kbcheck.translations.history import Commit, History
from kbcheck.translations.records import (
    FrontmatterError,
    SourceRecord,
    content_hash,
    read_record,
    write_record,
)
from kbcheck.translations.sections import (
    Section,
    SectionChange,
    changed_sections,
    sections_of,
)

__all__ = [
    "Commit",
    "FrontmatterError",
    "History",
    "Section",
    "SectionChange",
    "SourceRecord",
    "changed_sections",
    "content_hash",
    "read_record",
    "sections_of",
    "write_record",
]
