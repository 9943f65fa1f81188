"""A share of the work on the second core: a forked child that sends back plain data.

A whole knowledge base is parsed and checked page by page, and those loops are
the biggest costs of a run. On a machine with two cores, a forked child can
take half of such a loop: it starts with a copy of everything this process
holds, so it needs no set-up, and sends back what it found as plain tuples
(``marshal``: pickling objects would cost more than the work itself). If
anything goes wrong in the child, ``result()`` is None and the caller simply
does that share itself.
"""

from __future__ import annotations

import marshal
import os
import threading
from collections.abc import Callable
from typing import Any

MIN_ITEMS = 300  # below this, a fork costs more than it saves


def worth_forking(items: int) -> bool:
    """Enough work, two cores, and no other thread: forking a threaded process can
    deadlock the child."""
    return (
        items >= MIN_ITEMS
        and hasattr(os, "fork")
        and (os.cpu_count() or 1) >= 2
        and threading.active_count() == 1
    )


class Forked:
    """``Forked(work)`` runs ``work()`` in a child now; ``result()`` waits for its value."""

    def __init__(self, work: Callable[[], Any]) -> None:
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read)
            _child(work, write)
        os.close(write)
        self._pipe = os.fdopen(read, "rb")

    def result(self) -> Any | None:
        with self._pipe:
            data = self._pipe.read()
        _, status = os.waitpid(self.pid, 0)
        return marshal.loads(data) if status == 0 and data else None


def _child(work: Callable[[], Any], write: int) -> None:
    """Work, send, and leave without running any cleanup: the parent owns everything."""
    status = 1
    try:
        data = marshal.dumps(work())
        with os.fdopen(write, "wb") as out:
            out.write(data)
        status = 0
    finally:
        os._exit(status)
