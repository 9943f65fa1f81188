"""Time the translation history engine on a generated repository.

Builds a repository with source/translation page pairs (content/zh, content/en)
and a few thousand commits, including renames and merged branches, with
``git fast-import``; then times ``History.load`` and, for every pair,
``commits_since(source, last translation commit)`` plus one ``show`` of the
source at that commit.

    python bench/history_bench.py [--pairs 1000] [--commits 5000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kbcheck.translations import History

BASE_TIME = 1_700_000_000


class Stream:
    """Writes a fast-import stream for a main branch and short merged side branches."""

    def __init__(self, sink=None) -> None:
        self.sink = sink  # a file to write to as commits are made; else kept in parts
        self.parts: list[bytes] = []
        self.mark = 0
        self.clock = BASE_TIME

    def commit(
        self,
        branch: str,
        message: str,
        files: dict[str, str],
        *,
        renames: dict[str, str] | None = None,
        parent: int | None = None,
        merge: int | None = None,
        blobs: dict[str, bytes] | None = None,
    ) -> int:
        self.mark += 1
        self.clock += 600
        msg = message.encode()
        out = [
            f"commit refs/heads/{branch}\nmark :{self.mark}\n".encode(),
            f"committer Bench <bench@example.org> {self.clock} +0000\n".encode(),
            b"data %d\n%s\n" % (len(msg), msg),
        ]
        if parent is not None:
            out.append(f"from :{parent}\n".encode())
        if merge is not None:
            out.append(f"merge :{merge}\n".encode())
        for old, new in (renames or {}).items():
            out.append(f'R "{old}" "{new}"\n'.encode())
        for path, text in files.items():
            data = text.encode()
            out.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
        for path, data in (blobs or {}).items():
            out.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
        if self.sink is not None:
            self.sink.write(b"".join(out))
        else:
            self.parts.append(b"".join(out))
        return self.mark


def page(title: str, rng: random.Random, sections: int = 6) -> list[str]:
    lines = [f"# {title}", ""]
    for s in range(sections):
        lines += [f"## Part {s} {{#part-{s}}}", ""]
        lines += [f"Line {rng.randrange(10**6)} of part {s}." for _ in range(4)] + [""]
    return lines


def build(
    root: Path, pairs: int, commits: int, seed: int = 1, images_mb: int = 0, extra=None
) -> dict[str, str]:
    """Create the repository; return the final source -> translation names.

    ``images_mb`` of incompressible "screenshots" are committed along the way
    (5 MB each, one image commit in ten, replacing earlier ones), as in
    documentation repositories; ``extra`` files go into the first commit."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=root, stdin=subprocess.PIPE)
    stream = Stream(importer.stdin)
    images = images_mb // 5
    every = max(commits // images, 2) if images else 0
    next_image = every
    src = {f"p{i:04d}": f"content/zh/p{i:04d}.md" for i in range(pairs)}
    dst = {k: f"content/en/{k}.md" for k in src}
    text = {path: page(k, rng) for names in (src, dst) for k, path in names.items()}
    first = {src[k]: "\n".join(text[src[k]]) for k in src} | (extra or {})
    tip = stream.commit("main", "sources", first)
    tip = stream.commit(
        "main", "translations", {dst[k]: "\n".join(text[dst[k]]) for k in src}, parent=tip
    )
    keys = sorted(src)
    made = 2

    def edit(path: str) -> str:
        lines = text[path]
        for _ in range(rng.randint(1, 4)):
            lines[rng.randrange(2, len(lines))] = f"Edited {rng.randrange(10**6)}."
        return "\n".join(lines)

    while made < commits:
        roll = rng.random()
        if images and made >= next_image:
            next_image += every
            name = f"content/zh/img/shot-{rng.randrange(images // 2 + 1):03d}.png"
            if rng.random() < 0.5:
                name = f"static/img/screen-{rng.randrange(images // 2 + 1):03d}.png"
            blob = {name: rng.randbytes(5 * 1024 * 1024)}
            tip = stream.commit("main", "screenshot", {}, parent=tip, blobs=blob)
            made += 1
            images -= 1
        elif roll < 0.02:  # rename a pair (with an edit, as moves usually come with one)
            k = rng.choice(keys)
            new_src, new_dst = src[k].replace(".md", "-r.md"), dst[k].replace(".md", "-r.md")
            text[new_src], text[new_dst] = text.pop(src[k]), text.pop(dst[k])
            renames = {src[k]: new_src, dst[k]: new_dst}
            src[k], dst[k] = new_src, new_dst
            tip = stream.commit(
                "main", f"move {k}", {new_src: edit(new_src)}, renames=renames, parent=tip
            )
            made += 1
        elif roll < 0.06:  # a side branch of three commits, merged after main moves on
            base = tip
            picked = rng.sample(keys, 3)
            side = base
            for k in picked:
                side = stream.commit("side", f"side {k}", {src[k]: edit(src[k])}, parent=side)
            other = src[rng.choice([k for k in keys if k not in picked])]
            tip = stream.commit("main", "main", {other: edit(other)}, parent=tip)
            text_now = {src[k]: "\n".join(text[src[k]]) for k in picked}
            tip = stream.commit("main", "merge", text_now, parent=tip, merge=side)
            made += 5
        else:
            k = rng.choice(keys)
            path = src[k] if rng.random() < 0.6 else dst[k]
            tip = stream.commit("main", f"edit {k}", {path: edit(path)}, parent=tip)
            made += 1
    assert importer.stdin is not None
    importer.stdin.close()
    if importer.wait() != 0:
        raise RuntimeError("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)
    return {src[k]: dst[k] for k in keys}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "repo"
        started = time.perf_counter()
        names = build(root, args.pairs, args.commits)
        print(f"built {args.pairs} pairs in {time.perf_counter() - started:.2f} s")

        started = time.perf_counter()
        history = History.load(root)
        loaded = time.perf_counter() - started
        assert history is not None
        started = time.perf_counter()
        behind = 0
        for source, translation in names.items():
            last = history.last_commit(translation)
            assert last is not None
            missing = history.commits_since(source, last.sha)
            assert missing is not None
            behind += len(missing)
        queried = time.perf_counter() - started
        started = time.perf_counter()
        for source, translation in names.items():
            last = history.last_commit(translation)
            assert last is not None
            old_name = history.path_at(source, last.sha)
            assert old_name is not None
            assert history.show(last.sha, old_name) is not None
        shown = time.perf_counter() - started
        history.close()
        print(f"commits: {len(history)}, files: {2 * len(names)}, pairs: {len(names)}")
        print(f"History.load:        {loaded:.3f} s")
        print(f"commits_since x {len(names)}: {queried:.3f} s ({behind} missing commits)")
        print(f"load + queries:      {loaded + queried:.3f} s (target: at most 3 s)")
        print(f"show x {len(names)}:          {shown:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
