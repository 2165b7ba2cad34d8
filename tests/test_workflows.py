"""GitHub Actions workflows, issue forms and the pull-request template: valid against GitHub's
schemas, clean under zizmor, and shaped as the project needs them (full history for git dates, pinned
actions, least privilege, the check on the pull request's diff, the built site for reviewers)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
FILES = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def _run(*command: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False)


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_workflows_exist():
    assert {path.name for path in FILES} >= {"ci.yml", "pages.yml"}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_workflow_matches_the_github_schema(path: Path):
    result = _run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    result = _run(BIN / "zizmor", "--offline", "--no-progress", WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_actions_are_pinned_and_checkout_keeps_no_credentials(path: Path):
    for step in _steps(_load(path)):
        uses = step.get("uses")
        if uses is None or uses.startswith("./"):
            continue
        assert PINNED.match(uses), f"{path.name}: {uses} is not pinned to a full commit SHA"
        if uses.startswith("actions/checkout@"):
            options = step.get("with", {})
            assert options.get("persist-credentials") is False, path.name
            assert options.get("fetch-depth") == 0, f"{path.name}: dates come from git history"


def test_ci_runs_the_tests_and_a_strict_build():
    workflow = _load(WORKFLOWS / "ci.yml")
    assert {"push", "pull_request"} <= set(workflow[True])  # YAML 1.1 reads `on` as True
    commands = [step.get("run", "") for step in _steps(workflow)]
    assert "bash .ci/run" in commands
    assert "./run build --strict" in commands
    pythons = [step["with"]["python-version"] for step in _steps(workflow)
               if step.get("uses", "").startswith("actions/setup-python@")]
    assert pythons == ["3.11"]


def test_pages_deploys_with_least_privilege():
    workflow = _load(WORKFLOWS / "pages.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert "./run build --strict" in [step.get("run") for step in build["steps"]]
    upload = [step for step in build["steps"]
              if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert [step["with"]["path"] for step in upload] == ["site"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@")
               for step in deploy["steps"])


def test_ci_checks_a_pull_request_on_its_diff_and_summarises_it():
    workflow = _load(WORKFLOWS / "ci.yml")
    steps = _steps(workflow)
    checks = [step for step in steps if step.get("run", "").startswith("./run check")]
    on_pull_request = [step for step in checks if "pull_request" in step.get("if", "")
                       and "!=" not in step["if"]]
    assert len(on_pull_request) == 1, checks
    command = on_pull_request[0]["run"]
    # Only the articles of the pull request become annotations (Actions shows ten a step).
    assert '--base "origin/$GITHUB_BASE_REF"' in command
    assert '--summary "$GITHUB_STEP_SUMMARY"' in command
    # Checked before the tests, and the tests and build run even when the check fails.
    names = [step.get("run") for step in steps]
    assert names.index(command) < names.index("bash .ci/run")
    for step in steps:
        if step.get("run") in ("bash .ci/run", "./run build --strict"):
            assert "!cancelled()" in step.get("if", ""), step


def test_ci_uploads_the_built_site_for_reviewers():
    steps = _steps(_load(WORKFLOWS / "ci.yml"))
    (build,) = [step for step in steps if step.get("run") == "./run build --strict"]
    uploads = [step for step in steps
               if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert [step["with"]["path"].rstrip("/") for step in uploads] == ["site"]
    assert f"steps.{build['id']}.outcome == 'success'" in uploads[0]["if"]
    assert steps.index(build) < steps.index(uploads[0])


TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
FORMS = sorted(TEMPLATES.glob("*.yml"))


def test_the_issue_forms_exist():
    assert {path.name for path in FORMS} >= {"article-request.yml", "correction.yml"}


@pytest.mark.parametrize("path", FORMS, ids=lambda path: path.name)
def test_issue_form_matches_the_github_schema(path: Path):
    result = _run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-issue-forms",
                  path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", FORMS, ids=lambda path: path.name)
def test_issue_form_fields_have_unique_ids_and_ask_for_something(path: Path):
    form = _load(path)
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in fields]
    assert len(ids) == len(set(ids)), ids
    assert any(item.get("validations", {}).get("required") for item in fields), path.name


def test_the_pull_request_template_is_a_checklist_that_names_the_check():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(items) >= 4, items
    assert any("./run check" in item for item in items)
    assert "CONTRIBUTING.md" in text


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_the_generator_cache_is_kept_between_runs(name: str):
    """Both workflows that build restore the cache of per-article results before building,
    keyed on the generator's version, so an entry of another generator is never restored."""
    steps = _steps(_load(WORKFLOWS / name))
    caches = [index for index, step in enumerate(steps)
              if step.get("uses", "").startswith("actions/cache@")]
    builds = [index for index, step in enumerate(steps) if "./run build" in step.get("run", "")]
    assert caches and builds and caches[0] < builds[0], name
    options = steps[caches[0]]["with"]
    assert options["path"] == ".cache/briefing"
    assert "hashFiles('generator/**'" in options["key"]
    assert all("hashFiles('generator/**'" in key
               for key in options["restore-keys"].strip().splitlines())
