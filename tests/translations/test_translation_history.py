from __future__ import annotations

import random
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from translation_repo import T0, Repo

from kbcheck.translations import History
from kbcheck.translations.gitlog import CatFile, FileChange, Pages, RawCommit, blob_id


def lines(*words: str) -> str:
    return "".join(f"{w}\n" for w in words)


PAGE = lines("# Title", "", "one", "two", "three", "four", "five", "six")


def load(repo: Repo) -> History:
    history = History.load(repo.root)
    assert history is not None
    return history


def shas(commits: list) -> list[str]:
    return [c.sha for c in commits]


def test_history_follows_a_rename(repo: Repo) -> None:
    repo.write("zh/a.md", PAGE)
    c1 = repo.commit()
    repo.write("zh/a.md", PAGE.replace("two", "TWO"))
    c2 = repo.commit()
    repo.git("mv", "zh/a.md", "zh/b.md")
    repo.write("zh/b.md", PAGE.replace("two", "TWO") + "seven\n")
    c3 = repo.commit()
    repo.write("zh/b.md", PAGE)
    c4 = repo.commit()
    history = load(repo)

    commits = history.commits_touching("zh/b.md")
    assert shas(commits) == [c4, c3, c2, c1]
    assert [c.path for c in commits] == ["zh/b.md", "zh/b.md", "zh/a.md", "zh/a.md"]
    assert commits[1].renamed_from == "zh/a.md"
    assert [c.status for c in commits] == ["M", "R", "M", "A"]
    assert history.last_commit("zh/b.md") == commits[0]
    assert history.renamed_to("zh/a.md") == "zh/b.md"
    assert history.renamed_to("zh/b.md") is None  # still there
    assert history.path_at("zh/b.md", c2) == "zh/a.md"
    assert history.path_at("zh/b.md", c4) == "zh/b.md"


def test_a_recreated_old_name_does_not_join_the_history(repo: Repo) -> None:
    repo.write("a.md", PAGE)
    repo.commit()
    repo.git("mv", "a.md", "b.md")
    repo.commit()
    repo.write("a.md", "new page\n")
    c3 = repo.commit()
    history = load(repo)
    assert shas(history.commits_touching("a.md")) == [c3]
    assert len(history.commits_touching("b.md")) == 2
    assert history.renamed_to("a.md") is None  # a.md exists again


def test_commits_since_counts_only_later_changes_to_the_file(repo: Repo) -> None:
    repo.write("zh/x.md", PAGE)
    c1 = repo.commit()
    repo.write("zh/x.md", PAGE + "a\n")
    c2 = repo.commit()
    repo.write("other.md", "x\n")
    c3 = repo.commit()
    repo.write("zh/x.md", PAGE + "a\nb\n")
    c4 = repo.commit()
    repo.write("zh/x.md", PAGE + "a\nb\nc\n")
    c5 = repo.commit()
    history = load(repo)

    assert shas(history.commits_since("zh/x.md", c1)) == [c5, c4, c2]
    assert shas(history.commits_since("zh/x.md", c3)) == [c5, c4]
    assert shas(history.commits_since("zh/x.md", c3[:7])) == [c5, c4]
    assert shas(history.commits_since("zh/x.md", c3.upper())) == [c5, c4]
    assert history.commits_since("zh/x.md", c5) == []
    assert shas(history.commits_since("zh/x.md", c4, inclusive=True)) == [c5, c4]
    assert history.commits_since("missing.md", c1) == []


def test_commits_since_counts_changes_merged_later(repo: Repo) -> None:
    repo.write("zh/x.md", PAGE)
    base = repo.commit()
    repo.git("checkout", "-q", "-b", "side")
    repo.write("zh/x.md", PAGE + "from the side branch\n")
    side = repo.commit(when=T0 + 2 * 3600)  # written before main's next commit
    repo.git("checkout", "-q", "main")
    repo.write("other.md", "x\n")
    main = repo.commit(when=T0 + 3 * 3600)
    repo.git("merge", "-q", "--no-ff", "--no-edit", "side", when=T0 + 4 * 3600)
    merge = repo.git("rev-parse", "HEAD").strip()
    history = load(repo)

    # `main` is newer than `side` but does not contain it: the change is missing.
    assert shas(history.commits_since("zh/x.md", main)) == [side]
    assert history.commits_since("zh/x.md", side) == []
    assert history.commits_since("zh/x.md", merge) == []
    assert shas(history.commits_since("zh/x.md", base)) == [side]
    assert history.path_at("zh/x.md", main) == "zh/x.md"


def test_statuses_blobs_and_times_per_file(repo: Repo) -> None:
    repo.write("a.md", PAGE)
    repo.write("b.md", "x\n")
    c1 = repo.commit()
    repo.write("a.md", PAGE + "seven\n")
    repo.git("rm", "-q", "b.md")
    repo.commit()
    repo.write("c.bin", b"\x00\x01\x02")
    repo.commit()
    history = load(repo)

    newest, first = history.commits_touching("a.md")
    assert (first.status, newest.status) == ("A", "M")
    assert newest.blob == blob_id((PAGE + "seven\n").encode())
    assert history.blob_at("a.md", c1) == blob_id(PAGE.encode())
    assert history.last_commit("b.md").status == "D"
    assert history.last_commit("c.bin").blob == blob_id(b"\x00\x01\x02")
    assert history.last_commit("a.md").time == datetime.fromtimestamp(T0 + 7200, timezone.utc)


def test_exists_and_touches_reject_bad_shas(repo: Repo) -> None:
    repo.write("a.md", PAGE)
    c1 = repo.commit()
    repo.write("b.md", PAGE)
    c2 = repo.commit()
    history = load(repo)

    assert history.exists(c1) and history.exists(c1[:7]) and history.exists(c2[:12])
    for bad in ("", "zzzzzzz", "HEAD", c1[:6], "0" * 40, c1 + "0", "-1"):
        assert not history.exists(bad), bad
        assert not history.touches(bad, "a.md")
        assert history.commits_since("a.md", bad) is None
        assert history.path_at("a.md", bad) is None
    assert history.touches(c1, "a.md") and not history.touches(c1, "b.md")
    assert history.touches(c2[:8], "b.md")
    assert history.time(c2) == datetime.fromtimestamp(T0 + 7200, timezone.utc)


def test_an_ambiguous_prefix_resolves_to_nothing() -> None:
    commits = [
        RawCommit("abcdef1" + "1" * 33, 1, (), (FileChange("A", "a.md", None),)),
        RawCommit("abcdef1" + "2" * 33, 0, (), ()),
    ]
    history = History(Path("."), commits)
    assert history.resolve("abcdef1") is None
    assert history.resolve("abcdef11") == commits[0].sha


def test_show_returns_content_at_a_commit(repo: Repo) -> None:
    repo.write("zh/a.md", "old\n")
    c1 = repo.commit()
    repo.write("zh/a.md", "new\n")
    repo.write("zh/sub/b.md", "b\n")
    c2 = repo.commit()
    with load(repo) as history:
        assert history.show(c1, "zh/a.md") == b"old\n"
        assert history.show(c1[:7], "zh/a.md") == b"old\n"
        assert history.show(c2, "zh/a.md") == b"new\n"
        assert history.show(c1, "zh/sub/b.md") is None  # not there yet
        assert history.show(c2, "zh/sub") is None  # a directory
        assert history.show("nonsense", "zh/a.md") is None
        assert history.show(c2, "zh/sub/b.md") == b"b\n"  # still in step after misses
        history.close()
        assert history.show(c1, "zh/a.md") == b"old\n"  # restarts after close


def test_versions_read_ahead_are_those_show_gives(repo: Repo) -> None:
    commits = []
    for i in range(3):
        repo.write("zh/a.md", f"version {i}\n" * 3000)
        commits.append(repo.commit())
    odd = [(commits[0], "zh/none.md"), (commits[0], "zh"), ("nonsense", "zh/a.md")]
    with load(repo) as history:
        history.show_ahead([*odd, *((sha, "zh/a.md") for sha in commits)])
        for i, sha in enumerate(commits):
            assert history.show(sha, "zh/a.md") == f"version {i}\n".encode() * 3000
        assert [history.show(sha, path) for sha, path in odd] == [None, None, None]
        assert history.show(commits[1], "zh/a.md") == b"version 1\n" * 3000  # again, from git


@pytest.mark.timeout(60)
def test_more_requests_than_a_pipe_holds_are_answered(repo: Repo, tmp_path: Path) -> None:
    # requests written while the answers are read: written first, they would fill
    # git's input while it waits for its full output to be read
    repo.write("zh/a.md", "x" * 100_000)
    sha = repo.commit()
    cat = CatFile(repo.root)
    try:
        found = cat.read_many([(sha, "zh/a.md")] * 2000)
    finally:
        cat.close()
    assert found == [b"x" * 100_000] * 2000


def test_unusual_file_names(repo: Repo) -> None:
    names = ["content/zh/你好 世界.md", "content/zh/tab\there.md", 'content/zh/q"uote.md']
    for name in names:
        repo.write(name, PAGE)
    c1 = repo.commit()
    history = load(repo)
    for name in names:
        assert shas(history.commits_touching(name)) == [c1]
        assert history.show(c1, name) == PAGE.encode()


def test_renamed_to_guesses_moves_that_rename_detection_misses(repo: Repo) -> None:
    repo.write("docs/a.md", PAGE)
    repo.write("docs/gone.md", PAGE.replace("one", "1"))
    repo.commit()
    repo.git("rm", "-q", "docs/a.md", "docs/gone.md")
    repo.write("guide/a.md", "completely\ndifferent\ntext\n")
    repo.commit()
    history = load(repo)
    assert history.last_commit("docs/a.md").status == "D"
    assert history.renamed_to("docs/a.md") == "guide/a.md"
    assert history.renamed_to("docs/gone.md") is None
    assert history.renamed_to("never.md") is None


def test_a_repository_without_commits(repo: Repo) -> None:
    history = load(repo)
    assert len(history) == 0
    assert history.commits_touching("a.md") == []
    assert history.last_commit("a.md") is None
    assert not history.exists("abcdef1")
    assert history.show("abcdef1", "a.md") is None


def test_not_a_repository(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    assert History.load(plain) is None


def test_git_missing(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert History.load(repo.root) is None


def test_loading_from_a_subdirectory_uses_repository_paths(repo: Repo) -> None:
    repo.write("content/zh/a.md", PAGE)
    c1 = repo.commit()
    history = History.load(repo.root / "content")
    assert history is not None
    assert history.root.resolve() == repo.root.resolve()
    assert shas(history.commits_touching("content/zh/a.md")) == [c1]


def test_a_shallow_clone_is_flagged(repo: Repo, tmp_path: Path) -> None:
    repo.write("a.md", PAGE)
    c1 = repo.commit()
    repo.write("a.md", PAGE + "more\n")
    c2 = repo.commit()
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    history = History.load(clone)
    assert history is not None
    assert history.shallow
    assert not history.exists(c1)
    assert history.exists(c2)
    assert not load(repo).shallow


def test_commits_since_agrees_with_git_on_a_branchy_history(repo: Repo) -> None:
    rng = random.Random(7)
    files = ["a.md", "b.md", "c.md"]
    repo.write("a.md", "0\n")
    repo.commit()
    branches = ["main"]
    for step in range(40):
        action = rng.random()
        branch = rng.choice(branches)
        repo.git("checkout", "-q", branch)
        if action < 0.2 and len(branches) < 5:
            branches.append(f"b{step}")
            repo.git("checkout", "-q", "-b", branches[-1])
        elif action < 0.4 and len(branches) > 1:
            other = rng.choice([b for b in branches if b != branch])
            repo.clock += 3600  # "-s ours": a real merge in the graph, never a conflict
            repo.git("merge", "-q", "--no-ff", "--no-edit", "-s", "ours", other, when=repo.clock)
        else:
            repo.write(rng.choice(files), f"{step}\n")
            repo.commit()
    repo.git("checkout", "-q", "main")
    for branch in branches[1:]:
        repo.clock += 3600
        repo.git("merge", "-q", "--no-ff", "--no-edit", "-s", "ours", branch, when=repo.clock)
    history = load(repo)
    every = repo.git("rev-list", "HEAD").split()
    assert len(history) == len(every)
    for target in every:
        missing = set(repo.git("rev-list", f"{target}..HEAD").split())
        for name in files:
            touching = set(shas(history.commits_touching(name)))
            assert set(shas(history.commits_since(name, target))) == touching & missing


def random_history(repo: Repo, seed: int, steps: int = 60) -> list[str]:
    """Pages edited, renamed, moved between folders, deleted and re-added on
    branches that are merged, images beside them; every name ever used."""
    rng = random.Random(seed)
    alive = {f"docs/zh/p{n}.md": 0 for n in range(4)}
    names = set(alive)
    for path in alive:
        repo.write(path, PAGE + path + "\n")
    repo.write("docs/zh/shot.png", bytes(range(256)) * 8)
    repo.commit()
    branches = ["main"]
    for step in range(steps):
        repo.git("checkout", "-q", rng.choice(branches))
        current = {p for p in alive if (repo.root / p).is_file()}
        action = rng.random()
        if action < 0.1 and len(branches) < 4:
            branches.append(f"b{step}")
            repo.git("checkout", "-q", "-b", branches[-1])
            continue
        if action < 0.2 and len(branches) > 1:
            other = rng.choice(
                [b for b in branches if b != repo.git("branch", "--show-current").strip()]
            )
            repo.clock += 3600
            repo.git("merge", "-q", "--no-ff", "--no-edit", "-s", "ours", other, when=repo.clock)
            continue
        if action < 0.35 and current:  # a rename, sometimes into another folder, sometimes edited
            old = rng.choice(sorted(current))
            new = f"docs/{rng.choice(['zh', 'zh/guide'])}/r{step}.md"
            text = (repo.root / old).read_text()
            (repo.root / old).unlink()
            repo.write(new, text + (f"edit {step}\n" if rng.random() < 0.5 else ""))
            alive[new] = step
            names.add(new)
        elif action < 0.45 and current:  # deleted, a page added in the same commit
            gone = rng.choice(sorted(current))
            (repo.root / gone).unlink()
            added = f"docs/zh/n{step}.md"
            repo.write(added, f"new page {step}\n")
            alive[added] = step
            names.add(added)
        elif action < 0.5 and names - current:  # an old name comes back
            back = rng.choice(sorted(names - current))
            repo.write(back, f"back {step}\n")
            alive[back] = step
        elif action < 0.6:
            repo.write("docs/zh/shot.png", bytes(range(256)) * (8 + step))
        elif current:
            path = rng.choice(sorted(current))
            repo.write(path, (repo.root / path).read_text() + f"line {step}\n")
        repo.commit()
    repo.git("checkout", "-q", "main")
    for branch in branches[1:]:
        repo.clock += 3600
        repo.git("merge", "-q", "--no-ff", "--no-edit", "-s", "ours", branch, when=repo.clock)
    return sorted(names)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_history_read_for_a_few_pages_answers_as_the_whole_one(repo: Repo, seed: int) -> None:
    names = random_history(repo, seed)
    pages = Pages(("docs",), (".md",))
    whole = History.read(repo.root, pages)
    every = repo.git("rev-list", "HEAD").split()
    for name in names:
        # a fresh history for each name, told only that name: whatever it reads
        # as it follows renames, it must answer as the history read whole
        few = History.read(repo.root, pages, focus=[name])
        assert few._scope is not None
        assert few.renamed_to(name) == whole.renamed_to(name), name
        assert few.commits_touching(name) == whole.commits_touching(name), name
        for sha in every:
            assert few.path_at(name, sha) == whole.path_at(name, sha)
            assert few.blob_at(name, sha) == whole.blob_at(name, sha)
            assert few.touches(sha, name) == whole.touches(sha, name)
            assert few.commits_since(name, sha) == whole.commits_since(name, sha)


def test_a_history_read_for_a_few_pages_reads_them_all_when_asked_about_many(
    repo: Repo,
) -> None:
    names = [f"docs/p{n:02}.md" for n in range(40)]
    for name in names:
        repo.write(name, PAGE + name)
    repo.commit()
    for name in names[::3]:
        repo.git("mv", name, name.replace("/p", "/moved-p"))
    repo.commit()
    pages = Pages(("docs",), (".md",))
    whole = History.read(repo.root, pages)
    few = History.read(repo.root, pages, focus=[names[0]])
    every = names + [n.replace("/p", "/moved-p") for n in names]
    assert [few.commits_touching(n) for n in every] == [whole.commits_touching(n) for n in every]
    assert [few.renamed_to(n) for n in every] == [whole.renamed_to(n) for n in every]
    assert few._scope is None  # past 64 paths, one pass over every page
