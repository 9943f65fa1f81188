"""A share of the work on the second core: a forked child that talks in plain data.

A whole knowledge base is parsed and checked page by page, and that loop is
the biggest cost of a run. On a machine with two cores, a forked child can
take a share of it: it starts with a copy of everything this process holds, so
it needs no set-up, and the two sides exchange plain values (``marshal``:
pickling objects would cost more than the work itself). If anything goes
wrong in the child, this side sees None and simply does that share itself.
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
    return worth_sharing(items) and threading.active_count() == 1


def worth_sharing(items: int) -> bool:
    """Enough work and two cores: worth forking once no other thread runs."""
    return items >= MIN_ITEMS and hasattr(os, "fork") and _cores() >= 2


def _cores() -> int:
    """The cores this process may run on (``taskset``, a container's cpuset), not the machine's."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Channel:
    """One end of a pair of pipes: ``send`` a value, ``receive`` the other side's."""

    def __init__(self, read: int, write: int) -> None:
        self._in = os.fdopen(read, "rb")
        self._out = os.fdopen(write, "wb")

    def send(self, value: Any) -> None:
        data = marshal.dumps(value)
        self._out.write(len(data).to_bytes(8, "little") + data)
        self._out.flush()

    def receive(self) -> Any:
        """The next value; EOFError if the other side is gone."""
        size = int.from_bytes(self._in.read(8), "little")
        data = self._in.read(size) if size else b""
        if not data or len(data) < size:
            raise EOFError("the other side closed the channel")
        return marshal.loads(data)

    def close(self) -> None:
        self._in.close()
        self._out.close()


class Forked:
    """``Forked(work)`` runs ``work(parent)`` in a child now, ``parent`` being its
    :class:`Channel` to this process; what ``work`` returns is sent last.

    Here, ``send`` and ``receive`` talk with the child, and ``result()`` waits for
    its return value. Once the child has failed, ``receive`` and ``result`` give
    None and ``send`` does nothing.
    """

    def __init__(self, work: Callable[[Channel], Any]) -> None:
        up_read, up_write = _pipe()
        down_read, down_write = _pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(up_read)
            os.close(down_write)
            _child(work, Channel(down_read, up_write))
        os.close(up_write)
        os.close(down_read)
        self._channel = Channel(up_read, down_write)
        self.failed = False

    def send(self, value: Any) -> None:
        if self.failed:
            return
        try:
            self._channel.send(value)
        except OSError:  # the child is gone
            self.failed = True

    def receive(self) -> Any | None:
        if self.failed:
            return None
        try:
            return self._channel.receive()
        except (EOFError, ValueError, TypeError, OSError):
            self.failed = True
            return None

    def result(self) -> Any | None:
        value = self.receive()
        self._channel.close()
        _, status = os.waitpid(self.pid, 0)
        return value if status == 0 else None


def _pipe() -> tuple[int, int]:
    """A pipe that holds a whole message where the system allows (Linux: 1 MB, not
    64 KB), so that a side that sends does not wait for the other to read."""
    read, write = os.pipe()
    try:
        import fcntl  # only where there is os.fork

        fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (AttributeError, OSError):  # another system, or a lower limit: only slower
        pass
    return read, write


def _child(work: Callable[[Channel], Any], parent: Channel) -> None:
    """Work, send, and leave without running any cleanup: the parent owns everything."""
    status = 1
    try:
        parent.send(work(parent))
        status = 0
    finally:
        os._exit(status)
