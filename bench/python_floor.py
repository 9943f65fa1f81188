"""The least time a Python program can take for the link benchmark: the floor.

No HTTP library, no verdicts, no retries: read the pages, take the unique
``http://`` URLs of their Markdown links, and send each a HEAD over raw asyncio
streams, 128 at a time, over kept-alive connections shared per host.
``bench/links_bench.py`` runs it beside lychee and kbcheck: whatever a Python
link checker does, it cannot finish before this.

    python bench/python_floor.py PAGE.md...
"""

from __future__ import annotations

import asyncio
import re
import sys
from urllib.parse import urlsplit

WORKERS = 128
_URL = re.compile(r"\]\((http://[^)\s]+)\)")


async def check(urls: list[str]) -> int:
    queue = list(reversed(urls))
    idle: dict[str, list[tuple[asyncio.StreamReader, asyncio.StreamWriter]]] = {}
    failures = 0

    async def worker() -> None:
        nonlocal failures
        while queue:
            url = urlsplit(queue.pop())
            kept = idle.setdefault(url.netloc, [])
            if kept:
                reader, writer = kept.pop()
            else:
                reader, writer = await asyncio.open_connection(url.hostname, url.port or 80)
            writer.write(f"HEAD {url.path or '/'} HTTP/1.1\r\nHost: {url.netloc}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            failures += not head.startswith(b"HTTP/1.1 2")
            kept.append((reader, writer))

    await asyncio.gather(*(worker() for _ in range(WORKERS)))
    for kept in idle.values():
        for _, writer in kept:
            writer.close()
    return failures


def main(paths: list[str]) -> int:
    urls: dict[str, None] = {}
    for path in paths:
        with open(path, encoding="utf-8") as page:
            urls.update(dict.fromkeys(_URL.findall(page.read())))
    return 1 if asyncio.run(check(list(urls))) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
