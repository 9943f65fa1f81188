"""Translation statuses worked out by the forked child, handed back as plain values.

A run split between two processes (:mod:`kbcheck.split`) works out the status
of each translation on the side that checks it. A caller that wants every
status after the run (``kbcheck report``) would otherwise compute the child's
share again here: history look-ups, old versions read from git, their sections
parsed and diffed. The child sends the statuses it worked out instead, and
this process adopts them, tied to its own pages; so are the translations it
found copies of their source (:mod:`.copies`), which this process would read.

    handover = status_handover(ctx)   # before the fork; None without a translation rule
    sent = handover.taken()           # in the child, after its pages are checked
    handover.given(sent)              # here
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from kbcheck.corpus import Corpus
from kbcheck.translations.history import Commit
from kbcheck.translations.records import SourceRecord
from kbcheck.translations.sections import SectionChange
from kbcheck.translations.state import STATUSES_KEY, PairStatus, RecordProblem, State, Translations

if TYPE_CHECKING:
    from kbcheck.context import Context

SAME = True  # a version that is the current source: not sent twice


class StatusHandover:
    """The statuses worked out after this point (the fork), as plain values and back."""

    def __init__(self, tracker: Translations) -> None:
        self.tracker = tracker
        self._before = len(tracker.computed())

    def taken(self) -> tuple[list[tuple], dict[str, bool]]:
        """In the child: the statuses it worked out since the fork, and which of its
        translations are copies of their source (read from pages not read here)."""
        rows = [as_row(status) for status in self.tracker.computed()[self._before :]]
        return rows, self.tracker.pairing.copies_known()

    def given(self, sent: tuple[list[tuple], dict[str, bool]]) -> None:
        """Here: the child's statuses, tied to this process's pages."""
        rows, copies = sent
        corpus = self.tracker.corpus
        self.tracker.adopt(from_row(row, corpus) for row in rows)
        self.tracker.pairing.adopt_copies(copies)


def status_handover(ctx: Context) -> StatusHandover | None:
    """A handover for the run's translation statuses, if a rule works them out."""
    tracker = ctx.cache.get(STATUSES_KEY)
    return StatusHandover(tracker) if isinstance(tracker, Translations) else None


def as_row(s: PairStatus) -> tuple:
    record = s.record
    data = s.version_data
    return (
        s.source.rel,
        s.translation.rel,
        None if record is None else tuple(record),
        s.state.value,
        s.version,
        SAME if data is not None and data == s.source.source else data,
        s.outdated_flag,
        [(c.sha, c.time.isoformat(), *c[2:]) for c in s.commits],
        s.days,
        s.lines_changed,
        [tuple(c) for c in s.sections],
        [(p.line, p.message, p.related) for p in s.problems],
        s.reason,
        s.lacks_history,
    )


def from_row(row: tuple, corpus: Corpus) -> PairStatus:
    source_rel, rel, record, state, version, data, outdated, commits, *rest = row
    days, lines_changed, sections, problems, reason, lacks_history = rest
    source = corpus.by_rel[source_rel]
    return PairStatus(
        source,
        corpus.by_rel[rel],
        None if record is None else SourceRecord(*record),
        State(state),
        version,
        None if data is SAME else data,  # the current source: not read again for that
        outdated,
        [Commit(c[0], datetime.fromisoformat(c[1]), *c[2:]) for c in commits],
        days,
        lines_changed,
        [SectionChange(*c) for c in sections],
        [RecordProblem(*p) for p in problems],
        reason,
        lacks_history,
    )
