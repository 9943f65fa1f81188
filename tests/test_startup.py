"""What a run imports and compiles: start-up is most of a pre-commit run on one page.

Each probe runs in a fresh interpreter, as the program does.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

from kbcheck import schema, validation
from kbcheck.config import load_config
from kbcheck.lazyre import lazy
from kbcheck.schema import PageType
from kbcheck.settings import as_dataclasses, settings

ROOT = Path(__file__).resolve().parent.parent


def _imported(*args: str, cwd: Path = ROOT) -> set[str]:
    """The modules a ``kbcheck`` run imports (from ``python -X importtime``)."""
    command = [sys.executable, "-X", "importtime", "-m", "kbcheck", *args]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    found = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", done.stderr, re.MULTILINE)
    return set(found)


def _run(probe: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Python code run in a fresh interpreter, its output captured as text."""
    return subprocess.run([sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True)


def test_an_offline_check_imports_no_package_metadata_and_no_html_entities() -> None:
    imported = _imported("check", "--offline")
    assert "kbcheck.rules.dead_link" in imported  # the probe saw the rules load
    assert "importlib.metadata" not in imported  # pydantic's plugin search
    assert "html.entities" not in imported  # the external links' extraction


def test_ascii_headings_leave_the_full_slug_tables_uncompiled(tmp_path: Path) -> None:
    (tmp_path / "content" / "en").mkdir(parents=True)
    (tmp_path / "content" / "en" / "a.md").write_text("# Title\n\n## A section\n\n[x](#title)\n")
    probe = (
        "from kbcheck import check, load_config\n"
        "from kbcheck import slugger\n"
        "result = check(load_config(), offline=True)\n"
        "page = result.context.corpus.pages[0]\n"
        "print(sorted(page.anchors), result.diagnostics,\n"
        "      [p._compiled for p in (slugger._REMOVE, slugger._IGNORABLE, slugger._CASED)])\n"
    )
    done = _run(probe, tmp_path)
    assert done.stdout.split("\n")[0] == "['a-section', 'title'] [] [None, None, None]", done.stderr


def test_a_lazy_pattern_compiles_on_first_use_and_answers_like_re() -> None:
    built = []

    def source() -> str:
        built.append(1)
        return r"[\u4e00-\u9fff]+"

    pattern = lazy(source)
    assert built == []
    assert pattern.findall("a 中文 b 字") == ["中文", "字"]
    assert pattern.search("abc") is None
    assert built == [1]  # once, whatever the number of methods used
    assert lazy("ab", re.IGNORECASE).fullmatch("AB") is not None
    assert lazy(rb"a+").findall(b"baab") == [b"aa"]


def test_importing_kbcheck_compiles_no_pattern() -> None:
    probe = (
        "import pkgutil, re, sys\n"
        "import kbcheck\n"
        "compile_now, compiled = re._compile, []\n"
        "def spy(pattern, flags):\n"
        "    compiled.append(sys._getframe(2).f_globals.get('__name__'))\n"
        "    return compile_now(pattern, flags)\n"
        "re._compile = spy\n"
        "for module in pkgutil.walk_packages(kbcheck.__path__, 'kbcheck.'):\n"
        "    if module.name != 'kbcheck.__main__':\n"
        "        __import__(module.name)\n"
        "print(sorted({name for name in compiled if name.startswith('kbcheck')}))\n"
    )
    done = _run(probe)
    assert done.stdout == "[]\n", done.stderr


def test_pyyaml_s_pure_python_reader_leaves_its_pattern_uncompiled(tmp_path: Path) -> None:
    _kb(tmp_path, CONFIG, "fields:\n  title: {type: string}\n")
    probe = (
        "from kbcheck import check, load_config\n"
        "import yaml\n"
        "page = check(load_config(), offline=True).context.corpus.pages[0]\n"
        "print(page.data, yaml.reader.Reader.NON_PRINTABLE._compiled)\n"
    )
    done = _run(probe, tmp_path)
    assert done.stdout == "{'page_type': 'doc'} None\n", done.stderr


def test_an_offline_check_loads_neither_re2_nor_the_link_checker_nor_logging(
    tmp_path: Path,
) -> None:
    _kb(tmp_path, CONFIG, "fields:\n  title: {type: string}\n")
    _imported("check", "--offline", cwd=tmp_path)  # the settings validated
    imported = _imported("check", "--offline", cwd=tmp_path)
    assert "kbcheck.rules.dead_link" in imported and "kbcheck.outline" in imported
    assert not imported & {"re2", "kbcheck.links.run", "kbcheck.links.result", "logging"}


def test_a_run_with_its_git_history_cached_imports_no_tempfile(tmp_path: Path) -> None:
    _kb(tmp_path, CONFIG, "fields:\n  title: {type: string}\n")
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "start"]):
        subprocess.run(["git", *command], cwd=tmp_path, env=environment, check=True)
    assert "tempfile" in _imported("check", "--offline", cwd=tmp_path)  # the history written
    again = _imported("check", "--offline", cwd=tmp_path)
    assert "kbcheck.translations.logcache" in again
    assert not again & {"tempfile", "shutil"}  # shutil imports bz2, lzma, ...


def _kb(root: Path, config: str, schema: str) -> None:
    """A knowledge base with a configuration (a rule option too) and a page type."""
    (root / "content" / "zh").mkdir(parents=True)
    (root / "content" / "zh" / "a.md").write_text("---\npage_type: doc\n---\n\n# 标题\n\n正文。\n")
    (root / "schemas").mkdir()
    (root / "schemas" / "doc.yaml").write_text(schema)
    (root / "kbcheck.toml").write_text(config)


CONFIG = 'source_locale = "zh"\nlocales = ["zh"]\n[rules.single-h1]\nrequire = true\n'


def test_a_run_with_settings_validated_before_imports_no_pydantic(tmp_path: Path) -> None:
    _kb(tmp_path, CONFIG, "fields:\n  title: {type: string}\n")
    first = _imported("check", "--offline", cwd=tmp_path)
    again = _imported("check", "--offline", cwd=tmp_path)
    assert "pydantic" in first  # validated once
    assert "kbcheck.rules.single_h1" in again and "pydantic" not in again


def test_a_configuration_read_before_is_kept_parsed(tmp_path: Path) -> None:
    _kb(tmp_path, CONFIG, "fields:\n  title: {type: string}\n")
    os.utime(tmp_path / "kbcheck.toml", ns=(1, 1))  # not one being written
    first = _imported("check", "--offline", cwd=tmp_path)
    again = _imported("check", "--offline", cwd=tmp_path)
    assert "tomllib" in first
    assert "kbcheck.rules.single_h1" in again and "tomllib" not in again


def test_a_configuration_changed_since_it_was_kept_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "kbcheck.toml"
    for locale in ("zh", "ja"):  # the same size and time: changed within its time stamp
        path.write_text(f'source_locale = "{locale}"\n')
        os.utime(path, ns=(1, 1))
        assert load_config(start=tmp_path).source_locale == locale


def _codes(root: Path) -> list[tuple[str, int]]:
    command = [sys.executable, "-m", "kbcheck", "check", "--offline", "--format", "json"]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return sorted((d["rule"], d["line"]) for d in json.loads(done.stdout)["diagnostics"])


@pytest.mark.parametrize(
    ("config", "schema"),
    [
        (CONFIG.replace('locales = ["zh"]\n', 'locales = ["zh"]\nmax_file_size = 10\n'), None),
        (None, "fields:\n  title: {type: string, required: true}\n"),
    ],
    ids=["configuration", "schema"],
)
def test_a_changed_configuration_or_schema_is_validated_again(
    tmp_path: Path, config: str | None, schema: str | None
) -> None:
    _kb(tmp_path, CONFIG, "fields:\n  title: {type: string}\n")
    assert _codes(tmp_path) == [] and _codes(tmp_path) == []  # the second from the cache
    if config:
        (tmp_path / "kbcheck.toml").write_text(config)
    if schema:
        (tmp_path / "schemas" / "doc.yaml").write_text(schema)
    assert _codes(tmp_path) == ([("KB004", 1)] if config else [("KB101", 1)])


def test_an_invalid_configuration_is_reported_the_same_every_time(tmp_path: Path) -> None:
    _kb(tmp_path, "typo = 1\n" + CONFIG, "fields:\n  title: {type: string, minimum: x}\n")
    command = [sys.executable, "-m", "kbcheck", "check", "--offline"]
    runs = [subprocess.run(command, cwd=tmp_path, capture_output=True, text=True) for _ in "ab"]
    assert [run.returncode for run in runs] == [2, 2]
    assert runs[0].stderr == runs[1].stderr
    assert f"{tmp_path / 'kbcheck.toml'}: typo: unknown key" in runs[0].stderr


def test_a_relative_cache_home_is_ignored(tmp_path: Path) -> None:
    kb, home = tmp_path / "kb", tmp_path / "home"
    kb.mkdir()
    _kb(kb, CONFIG, "fields:\n  title: {type: string, required: true}\n")
    before = sorted(kb.rglob("*"))
    command = [sys.executable, "-m", "kbcheck", "check", "--offline"]
    environment = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": "cache"}  # as XDG says
    done = subprocess.run(command, cwd=kb, env=environment, capture_output=True, text=True)
    assert done.returncode == 1 and "KB101" in done.stdout, done.stderr
    assert sorted(kb.rglob("*")) == before  # nothing written in the knowledge base
    assert any((home / ".cache" / "kbcheck" / "validated").iterdir())


def _entries() -> set[str]:
    folder = validation.cache_folder()
    assert folder is not None
    return set(os.listdir(folder)) if folder.exists() else set()


def test_validated_settings_are_kept_per_version_of_kbcheck_and_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = {"lenient": True, "sections": [{"id": "intro"}]}
    before = _entries()
    first = validation.validated(PageType, data, "t.yaml")
    kept = _entries() - before
    assert len(kept) == 1
    assert validation.validated(PageType, data, "t.yaml") == first
    assert _entries() - before == kept  # read back, not validated again
    for name, value in (("__version__", "99.0"), ("sys", SimpleNamespace(version="3.99"))):
        with monkeypatch.context() as patch:
            patch.setattr(validation, name, value)
            validation._stamp.cache_clear()
            assert validation.validated(PageType, data, "t.yaml") == first
            assert len(_entries() - before) == len(kept) + 1  # a key of its own
            kept = _entries() - before
    validation._stamp.cache_clear()


def test_the_cache_keeps_only_its_newest_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = validation.cache_folder()
    assert folder is not None
    for name in _entries():
        (folder / name).unlink()  # the session's entries: validated again when asked for
    monkeypatch.setattr(validation, "KEPT", 2)
    made = []
    for n in range(4):
        before = _entries()
        validation.validated(PageType, {"sections": [{"id": f"s{n}"}]}, "t.yaml")
        (new,) = _entries() - before
        os.utime(folder / new, (n + 1, n + 1))  # written in this order, whatever the clock
        made.append(new)
    assert _entries() == set(made[-2:])


def test_a_changed_preset_is_validated_again() -> None:
    preset = dict(schema.preset("docusaurus"))
    before = schema._page_type({"name": "docusaurus", **preset}, "(built-in docusaurus)")
    changed = {**preset, "unknown_fields": "error"}
    after = schema._page_type({"name": "docusaurus", **changed}, "(built-in docusaurus)")
    assert before.unknown_fields != "error" and after.unknown_fields == "error"


def test_a_preset_is_parsed_once_and_again_when_it_or_kbcheck_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("unknown_fields: warn\n")
    os.utime(path, ns=(1, 1))  # as a package's file, not one being written
    monkeypatch.setattr(schema, "PRESETS_FOLDER", tmp_path)
    parsed: list[Path] = []
    read = schema._read_preset
    monkeypatch.setattr(schema, "_read_preset", lambda p: parsed.append(p) or read(p))
    preset = schema.preset.__wrapped__  # not the copy kept for the process
    assert preset("p") == preset("p") == {"unknown_fields": "warn"}
    assert len(parsed) == 1  # the second from the cache
    path.write_text("unknown_fields: error\n")
    os.utime(path, ns=(1, 1))  # the same time, another size
    assert preset("p") == {"unknown_fields": "error"} and len(parsed) == 2
    with monkeypatch.context() as patch:
        patch.setattr(validation, "__version__", "99.0")
        validation._stamp.cache_clear()
        assert preset("p") == {"unknown_fields": "error"} and len(parsed) == 3
    validation._stamp.cache_clear()


def test_an_unreadable_cache_entry_is_validated_again(tmp_path: Path) -> None:
    _kb(tmp_path, CONFIG, "fields:\n  title: {type: string, required: true}\n")
    assert _codes(tmp_path) == [("KB101", 1)]
    folder = validation.cache_folder()
    for name in _entries():
        (folder / name).write_bytes(b"not a pickle")  # type: ignore[operator]
    assert _codes(tmp_path) == [("KB101", 1)]


def test_a_cached_links_run_imports_neither_asyncio_nor_pydantic(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/doc"
        (tmp_path / "a.md").write_text(f"# A\n\n[doc]({url})\n")
        args = ("links", "a.md", "--allow-private", "--format", "json")
        assert "asyncio" in _imported(*args, cwd=tmp_path)  # fetched, and cached
        assert _Ok.served == 1
        again = _imported(*args, cwd=tmp_path)
    finally:
        server.shutdown()
    assert _Ok.served == 1  # from the cache
    assert "kbcheck.links.cache" in again
    assert "asyncio" not in again and "pydantic" not in again


class _Ok(BaseHTTPRequestHandler):
    served = 0

    def do_HEAD(self) -> None:
        type(self).served += 1
        self.send_response(200)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args: object) -> None:
        pass


def test_settings_classes_are_not_dataclasses_until_validated(tmp_path: Path) -> None:
    probe = (
        "import dataclasses\n"
        "from kbcheck import linter, schema\n"
        "from kbcheck.config import Config\n"
        "print([dataclasses.is_dataclass(c) for c in (Config, schema.PageType)])\n"
        "Config.validate({'root': '.', 'locales': ['en']})\n"
        "print([dataclasses.is_dataclass(c) for c in (Config, schema.PageType)])\n"
    )
    done = _run(probe, tmp_path)
    assert done.stdout.split("\n")[:2] == ["[False, False]", "[True, True]"], done.stderr


def _pair() -> tuple[type, type]:
    """One settings class written twice: with ``@settings`` and with ``@dataclass``."""

    def body(name: str) -> type:
        def post_init(self: object) -> None:
            validation.at_least(self, "size", 0)

        namespace = {
            "__annotations__": {"size": "int", "tags": "list[str]", "note": "str", "kept": "int"},
            "size": 1,
            "tags": dataclasses.field(default_factory=list),
            "note": dataclasses.field(default="", repr=False, compare=False),
            "kept": dataclasses.field(default=0, init=False),
            "__post_init__": post_init,
        }
        return type(name, (), namespace)

    return settings(body("Made")), dataclasses.dataclass(body("Made"))


def test_a_settings_class_behaves_as_the_dataclass_it_stands_for() -> None:
    made, dataclass = _pair()
    for cls in (made, dataclass):
        first, second = cls(), cls(2, ["a"], note="x")
        assert (first.size, first.tags, first.note, first.kept) == (1, [], "", 0)
        assert (second.size, second.tags, second.note) == (2, ["a"], "x")
        assert first.tags is not cls().tags
        assert cls(tags=["a"], note="y") == cls(tags=["a"]) != cls(size=3)
        assert repr(second) == "Made(size=2, tags=['a'], kept=0)"
        assert cls.__hash__ is None
        for wrong in ({"kept": 1}, {"colour": 1}, {"size": -1}):
            with pytest.raises((TypeError, validation.Invalid)):
                cls(**wrong)
        with pytest.raises(TypeError):
            cls(1, [], "", 0)
    as_dataclasses()
    assert [f.name for f in dataclasses.fields(made)] == ["size", "tags", "note", "kept"]
    assert made(3) == made(3) and repr(made(3)) == "Made(size=3, tags=[], kept=0)"


def test_a_run_compiles_no_dataclass_outside_the_rules_and_translations(tmp_path: Path) -> None:
    (tmp_path / "content" / "en").mkdir(parents=True)
    (tmp_path / "content" / "en" / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\n## B\n")
    probe = (
        "import sys\n"
        "from kbcheck import check, load_config\n"
        "check(load_config(), offline=True)\n"
        "found = sorted(f'{name}.{value.__name__}' for name, module in list(sys.modules.items())\n"
        "    if name.startswith('kbcheck.') and not name.startswith(('kbcheck.rules.',\n"
        "                                                            'kbcheck.translations.'))\n"
        "    for value in vars(module).values() if isinstance(value, type)\n"
        "    and value.__module__ == name and '__dataclass_fields__' in vars(value))\n"
        "print(found)\n"
    )
    _run(probe, tmp_path)  # validates the settings, making their classes dataclasses
    done = _run(probe, tmp_path)
    assert done.stdout.strip() == "['kbcheck.diagnostics.Diagnostic']", done.stderr
