"""``kbcheck links`` and ``kbcheck check`` as users run them, against a loopback server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from link_kb import TOKEN, TOKEN_ENV, expected, serve, write_kb
from links_httpd import Reply


def run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != TOKEN_ENV}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "kbcheck", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env=environ,
    )


# A child process whose resolver knows no name at all (see dns/sitecustomize.py).
NO_DNS = {
    "KBCHECK_TEST_DNS": "{}",
    "PYTHONPATH": str(Path(__file__).parent / "dns"),
}


@pytest.fixture
def kb(server, tmp_path):
    urls = serve(server)
    write_kb(tmp_path, urls)
    return tmp_path, urls


def findings(document: dict) -> set[tuple[str, str, int, int]]:
    return {(d["rule"], d["path"], d["line"], d["column"]) for d in document["diagnostics"]}


def test_json_carries_every_finding_and_dead_links_exit_1(kb):
    root, urls = kb
    done = run(root, "links", "--format", "json", env={TOKEN_ENV: TOKEN})
    assert done.returncode == 1, done.stderr
    assert findings(json.loads(done.stdout)) == expected(urls)


def test_text_ends_with_a_summary_by_verdict_and_by_host(kb, server):
    root, urls = kb
    done = run(root, "links", env={TOKEN_ENV: TOKEN})
    assert f"content/zh/a.md:5:5: error KB401 dead-link: {urls['gone']}" in done.stdout
    assert "9 unique URLs: 4 ok, 2 broken, 1 redirected, 2 unverifiable" in done.stdout
    host_row = next(line for line in done.stdout.splitlines() if line.startswith("127.0.0.1"))
    assert host_row.split()[1:] == ["4", "2", "1", "2", "0"]
    assert "\x1b[" not in done.stderr  # no progress bar when stderr is not a terminal


def test_github_and_sarif_carry_the_findings(kb):
    root, urls = kb
    github = run(root, "links", "--format", "github", env={TOKEN_ENV: TOKEN})
    assert "::error file=content/zh/a.md,line=5,col=5" in github.stdout
    assert "title=KB404 missing-fragment" in github.stdout
    out = root / "links.sarif"
    sarif = run(root, "links", "--format", "sarif", "-o", str(out), env={TOKEN_ENV: TOKEN})
    assert sarif.returncode == 1
    results = json.loads(out.read_text())["runs"][0]["results"]
    located = {
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in results
    }
    assert located == expected(urls)


def test_the_token_is_sent_and_never_printed(kb, server):
    root, _ = kb
    outputs = []
    for fmt in ("text", "json", "github", "sarif"):
        done = run(root, "links", "--format", fmt, env={TOKEN_ENV: TOKEN})
        outputs += [done.stdout, done.stderr]
    assert any(h.get("authorization") == TOKEN for h in server.seen_headers)
    assert not any("/private" in text for text in outputs)  # it answered 200 with the token
    assert not any("s3cret" in text for text in outputs)


def test_a_missing_token_is_a_warning_and_the_link_fails(kb):
    root, urls = kb
    done = run(root, "links", "--format", "json")
    assert f"environment variable {TOKEN_ENV} is not set" in done.stderr
    assert any(
        d["message"].startswith(urls["private"]) for d in json.loads(done.stdout)["diagnostics"]
    )


def test_the_cache_makes_a_second_run_send_no_request(server, tmp_path):
    urls = serve(server)
    write_kb(tmp_path, urls, cache='"links.sqlite"')
    env = {TOKEN_ENV: TOKEN}
    first = run(tmp_path, "links", "--format", "json", env=env)
    sent = server.total
    assert sent > 0 and (tmp_path / "links.sqlite").exists()
    second = run(tmp_path, "links", "--format", "json", env=env)
    assert server.total == sent
    assert findings(json.loads(second.stdout)) == findings(json.loads(first.stdout))
    assert "from cache" in run(tmp_path, "links", env=env).stdout
    run(tmp_path, "links", "--no-cache", env=env)
    assert server.total > sent


def test_check_without_offline_runs_the_rule_and_offline_skips_it(kb, server):
    root, urls = kb
    done = run(root, "check", "--format", "json", env={TOKEN_ENV: TOKEN})
    kb4 = {f for f in findings(json.loads(done.stdout)) if f[0].startswith("KB4")}
    assert kb4 == expected(urls)
    before = server.total
    offline = run(root, "check", "--offline", "--format", "json", env={TOKEN_ENV: TOKEN})
    assert not any(f[0].startswith("KB4") for f in findings(json.loads(offline.stdout)))
    assert server.total == before


def test_a_bare_folder_needs_no_configuration(server, tmp_path):
    server.route("/ok", Reply())
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "README.md").write_text(f"[ok]({server.url('/ok')})\n")
    (tmp_path / "docs" / "deep" / "page.mdx").write_text(f"\n<{server.url('/gone')}>\n")
    (tmp_path / "node_modules" / "dep.md").write_text(f"[x]({server.url('/vendored')})\n")
    done = run(tmp_path, "links", "--allow-private", "--no-cache", "--retries", "0")
    assert done.returncode == 1, done.stderr
    assert "docs/deep/page.mdx:2:1: error KB401 dead-link" in done.stdout
    assert "2 files checked" in done.stdout
    assert ("HEAD", "/vendored") not in server.hits
    only = run(tmp_path, "links", "README.md", "--allow-private", "--no-cache")
    assert only.returncode == 0 and "1 files checked" in only.stdout


def test_network_down_is_one_notice_and_exit_0(tmp_path):
    urls = ["http://docs.kb-check.org/a", "http://kb.invalid/b"]
    for name in ("a", "b"):
        (tmp_path / f"{name}.md").write_text("".join(f"- <{u}>\n" for u in urls))
    args = ("links", "--allow-private", "--no-cache", "--retries", "0")
    done = run(tmp_path, *args, env=NO_DNS)  # the resolver knows no name
    assert done.returncode == 0, done.stdout + done.stderr
    notices = [line for line in done.stdout.splitlines() if "warning KB402" in line]
    assert notices == [
        "a.md:1:3: warning KB402 unverifiable-link: network unreachable: "
        "2 external URLs not checked (unverifiable, not dead)"
    ]
    assert "KB401" not in done.stdout


def test_a_bad_links_key_exits_2_naming_it(tmp_path):
    (tmp_path / "kbcheck.toml").write_text("[links]\nconcurency = 4\n")
    for command in ("links", "check"):
        done = run(tmp_path, command)
        assert done.returncode == 2
        assert "kbcheck.toml: links.concurency: unknown key" in done.stderr
