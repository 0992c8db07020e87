"""A contributor's path: scaffold, fill in, format, check, build; and the repository's side."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.tracker.__main__ import main

from .conftest import ROOT, build, copy_site_tree, make_data, page

FILLED = {  # what a contributor would type in place of each TODO, per field
    "title": "A filled-in title for the test",
    "date": "2013-10",
    "as_of": "2014-08-03",
    "place": "china",
    "categories": "court-blacklists",
    "summary": "Filled-in text in the contributor's own words [@good-source].",
    "source": "good-source",
    "status": "corroborated",
    "claim": "A claim as it circulates, paraphrased for the test.",
    "verdict": "unsupported",
    "verdict_reason": "No reliable evidence was found for or against the claim in this test.",
    "name": "Example Claimant",
    "first_seen": "2013-10",
    "measure": "Times a listed person was stopped from buying a ticket.",
    "unit": "blocked purchases",
    "counts": "times",
    "counting": "cumulative",
    "issuer": "Example Court",
    "publisher": "Example Publisher",
    "url": "https://example.org/a-new-document",
    "language": "en",
    "kind": "court",
}


def fill(text: str, values: dict[str, str] = FILLED) -> str:
    """Replace each TODO by a valid value for its field, as a contributor would."""
    FILLED = values
    out, field = [], ""
    for line in text.split("\n"):
        key = re.match(r"^\s*(?:- )?([a-z_]+):", line)
        if key:
            field = key.group(1)
        if "TODO" in line and not line.lstrip().startswith("#"):
            line = line.replace('"TODO"', f'"{FILLED[field]}"') if '"TODO"' in line else line.replace("TODO", FILLED[field])
            if field == "summary":
                line = "  " + FILLED["summary"]
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("kind", ["event", "figure", "claim", "source"])
def test_a_scaffolded_entry_passes_once_its_placeholders_are_filled(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    assert main(["--data", str(data), "new", kind, "A new entry for the test 2024"]) == 0
    created = data / f"{kind}s" / "a-new-entry-for-the-test-2024.yaml"
    text = created.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n")
    assert "added: " in text and "TODO" in text
    capsys.readouterr()
    assert main(["--data", str(data), "check", str(created)]) == 1  # placeholders are refused
    assert "E331" in capsys.readouterr().out
    if kind == "source":  # a source must be cited by something
        event = data / "events" / "good-event.yaml"
        event.write_text(
            event.read_text(encoding="utf-8").replace(
                "  - source: good-report\n", "  - source: good-report\n  - source: a-new-entry-for-the-test-2024\n"
            ),
            encoding="utf-8",
        )
    created.write_text(fill(text), encoding="utf-8")
    status = main(["--data", str(data), "check", str(created)])
    out = capsys.readouterr().out
    assert status == 0, out
    assert out.splitlines()[-1].startswith("OK: 1 files checked, 0 errors")


def test_format_is_idempotent_and_the_real_data_is_canonical(tmp_path: Path, capsys: pytest.CaptureFixture[str], real_clock: None) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    assert main(["--data", str(data), "format"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 files rewritten"
    messy = data / "events" / "spc-blacklist-launch-2013.yaml"
    lines = messy.read_text(encoding="utf-8").split("\n")
    lines.insert(len(lines) - 2, lines.pop(2))  # move the title near the end
    messy.write_text("\n".join(lines).replace('"2013-10"', "'2013-10'"), encoding="utf-8")
    assert main(["--data", str(data), "check", str(messy)]) == 1
    assert "E330 the file is not in canonical form" in capsys.readouterr().out
    assert main(["--data", str(data), "format", str(messy)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 files rewritten"
    assert messy.read_text(encoding="utf-8") == (ROOT / "data" / "events" / "spc-blacklist-launch-2013.yaml").read_text(encoding="utf-8")
    assert main(["--data", str(data), "format"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 files rewritten"


def contributing_templates() -> dict[str, str]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(# (data/[a-z]+/[a-z0-9-]+\.yaml)\n.*?)```", text, flags=re.S)
    return {path: body for body, path in blocks}


def test_a_newcomer_following_contributing_alone_gets_a_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    templates = contributing_templates()
    assert sorted(p.split("/")[1] for p in templates) == ["claims", "events", "figures", "sources"]
    data = make_data(tmp_path / "src")
    for path, body in templates.items():
        (data.parent / path).write_text(body, encoding="utf-8")
        for source_id in re.findall(r"source: ([a-z0-9-]+)", body):
            real = ROOT / "data" / "sources" / f"{source_id}.yaml"
            if real.exists() and not (data / "sources" / real.name).exists():
                shutil.copy(real, data / "sources" / real.name)
    assert main(["--data", str(data), "register"]) == 0
    assert main(["--data", str(data), "check"]) == 0, capsys.readouterr().out
    root = copy_site_tree(tmp_path / "root", data)
    result = build(root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for path in templates:
        kind, name = path.split("/")[1:]
        assert page(tmp_path / "out", f"{kind}/{name[:-5]}").h1


WORKFLOWS = ROOT / ".github" / "workflows"


def test_workflows_are_valid_and_pin_their_actions() -> None:
    names = sorted(p.name for p in WORKFLOWS.glob("*.yml"))
    assert names == ["deploy.yml", "links.yml", "pull-request.yml"]
    for path in WORKFLOWS.glob("*.yml"):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow["name"] and workflow["jobs"], path.name
        assert True in workflow or "on" in workflow, path.name  # YAML 1.1 reads the key `on` as True
        assert "permissions" in workflow, f"{path.name}: permissions must be declared"
        for job in workflow["jobs"].values():
            if "uses" in job:  # a job that calls another workflow of this repository
                assert re.fullmatch(r"\./\.github/workflows/[\w.-]+\.yml", job["uses"]), job["uses"]
                continue
            assert job["runs-on"].startswith("ubuntu-")
            for step in job["steps"]:
                assert "uses" in step or "run" in step
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_issue_forms_ask_for_what_a_correction_needs() -> None:
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "correction.yml").read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert fields["entry"]["validations"]["required"] and fields["source"]["validations"]["required"]
    suggest = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-entry.yml").read_text(encoding="utf-8"))
    assert any(item.get("id") == "source" for item in suggest["body"])
    assert "- [ ]" in (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")


def test_the_link_report_names_dead_addresses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200 if self.path == "/alive" else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        data = make_data(tmp_path)
        for name, path in (("good-source.yaml", "/alive"), ("good-report.yaml", "/gone"), ("good-translation.yaml", "/alive")):
            file = data / "sources" / name
            text = re.sub(r"^url: .*$", f"url: {base}{path}", file.read_text(encoding="utf-8"), flags=re.M)
            file.write_text(re.sub(r"^archive_url: .*$", f"archive_url: {base}/alive-archive", text, flags=re.M), encoding="utf-8")
        assert main(["--data", str(data), "links"]) == 0
        out = capsys.readouterr().out
    finally:
        server.shutdown()
    assert out.splitlines()[0] == "## Link check: 3 of 5 addresses did not answer"
    assert f"| `good-report` | url | {base}/gone | HTTP 404 |" in out
    assert f"| `good-source` | archive_url | {base}/alive-archive | HTTP 404 |" in out
    assert f"| `good-translation` | archive_url | {base}/alive-archive | HTTP 404 |" in out
    assert f"{base}/alive |" not in out


def test_format_keeps_the_comments_new_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    assert main(["--data", str(data), "new", "event", "Comments stay 2014"]) == 0
    created = data / "events" / "comments-stay-2014.yaml"
    filled = fill(created.read_text(encoding="utf-8"))
    lines = filled.split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    start = title
    while lines[start - 1].startswith("# A neutral") or lines[start - 1].startswith("# starts"):
        start -= 1
    block = lines[start : title + 1]
    moved = lines[:start] + lines[title + 1 :]
    at = next(i for i, line in enumerate(moved) if line.startswith("status:")) + 1
    moved[at:at] = block  # the title and its comment after the status: format moves them back
    created.write_text("\n".join(moved), encoding="utf-8")
    comments = [line for line in filled.split("\n") if line.startswith("#")]
    capsys.readouterr()
    assert main(["--data", str(data), "format", str(created)]) == 0
    text = created.read_text(encoding="utf-8")
    assert [line for line in text.split("\n") if line.startswith("#")] == comments
    assert text.index("# A neutral, factual headline") < text.index("title: ") < text.index("# When the event happened")
    assert main(["--data", str(data), "check", str(created)]) == 0, capsys.readouterr().out


def test_the_scaffold_shows_every_date_form_and_only_ids_that_exist() -> None:
    from scripts.tracker.scaffold import scaffold

    schema = ROOT / "data" / "schema"
    for kind in ("events", "figures", "claims", "sources"):
        text = scaffold(kind, "x", schema, __import__("datetime").date(2026, 11, 27))
        comments = " ".join(line[2:] for line in text.split("\n") if line.startswith("# "))
        if '\ndate: "TODO"' in text:
            for form in ('"2019"', '"2019-05"', '"2019-05-12"', '"about 2010"', '"before 2020-03"', '"after 2016-06"', '"2014/2020"'):
                assert form in comments, (kind, form)
        named = set(re.findall(r"\[@([a-z0-9-]+)\]", comments))
        named |= set(re.findall(r'"source": "([a-z0-9-]+)"', comments))
        for related in re.findall(r"\[(\"[a-z0-9-]+\"(?:, \"[a-z0-9-]+\")*)\]", comments):
            named |= set(re.findall(r'"([a-z0-9-]+)"', related)) - {"court-blacklists", "travel-restrictions"}
        for entry_id in named - {"source-id"}:  # [@source-id] stands for any id
            assert list((ROOT / "data").glob(f"*/{entry_id}.yaml")), f"{kind}: the scaffold names {entry_id}, which does not exist"


def _actionlint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The pinned actionlint, with the pinned shellcheck on its PATH for run: scripts."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run([str(bin_dir / "actionlint"), "-no-color", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_the_workflows_pass_actionlint_with_shellcheck() -> None:
    result = _actionlint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_runs_shellcheck_on_run_steps(tmp_path: Path) -> None:
    """The check above can fail: the A && B || C that once was in pull-request.yml is caught."""
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "x.yml").write_text(
        "name: x\non: push\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: sudo apt-get update && sudo apt-get install -y chromium || sudo apt-get install -y chromium-browser\n",
        encoding="utf-8",
    )
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    result = _actionlint(cwd=tmp_path)
    assert result.returncode == 1 and "SC2015" in result.stdout


def test_deploy_publishes_only_after_the_tests_passed_on_the_same_commit() -> None:
    deploy = yaml.safe_load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    tests = yaml.safe_load((WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8"))
    jobs = deploy["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/pull-request.yml"  # same run, same commit
    assert "workflow_call" in tests[True] and "make test" in [s.get("run") for s in tests["jobs"]["test"]["steps"]]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    assert "push" not in tests[True]  # main is tested once, by deploy.yml


def test_every_route_has_a_place_to_go() -> None:
    config = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    links = {link["name"]: link for link in config["contact_links"]}
    security = next(link for name, link in links.items() if "security" in name.lower())
    assert security["url"].endswith("/SECURITY.md") and (ROOT / "SECURITY.md").is_file()
    private = next(link for name, link in links.items() if "takedown" in name.lower())
    assert "without a GitHub account" in private["name"]
    site = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n# ----", 1)[0])
    assert private["url"] == site["site_url"] + "about/#contact"
    assert "@" in site["extra"]["tracker"]["contact"]  # the non-GitHub route, shown in every footer
    assert "## Contact" in (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    assert any("question" in name.lower() for name in links)
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "site-problem.yml").read_text(encoding="utf-8"))
    assert {item["id"] for item in form["body"]} >= {"page", "problem"}


def test_pre_commit_is_installable_and_its_config_valid() -> None:
    assert re.search(r"^pre-commit==[\d.]+$", (ROOT / "requirements-dev.txt").read_text(encoding="utf-8"), flags=re.M)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "make hooks" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
