"""Bad, hostile and broken input: clear errors in bounded time, nothing that runs, and a good
site that survives a bad build."""

from __future__ import annotations

import csv
import io
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import bibtexparser
import rispy
from bs4 import BeautifulSoup

from scripts.tracker.__main__ import main

from .conftest import ENV, FIXTURES, REAL_ENV, ROOT, build, copy_site_tree, make_data

BAD = FIXTURES / "bad"


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def test_every_bad_input_at_once_in_bounded_time_and_memory(tmp_path: Path) -> None:
    data = make_data(tmp_path, *sorted(BAD.glob("*/*.yaml")))
    (data / "events" / "deep.yaml").write_text("id: deep\ntitle: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (data / "events" / "huge.yaml").write_text("id: huge\nsummary: |\n" + ("  " + "x" * 100 + "\n") * 5000, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.tracker", "--data", str(data), "check"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limits,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for code in ("E100", "E101", "E102", "E103", "E104", "E105", "E106", "E108", "E400", "E402", "E501"):
        assert re.search(rf":\d+:\d+: {code} ", result.stdout), code
    assert "deep.yaml:1:1: E100" in result.stdout or "deep.yaml:" in result.stdout


def test_data_and_file_urls_are_refused(tmp_path: Path, capsys) -> None:
    data = make_data(tmp_path, BAD / "sources" / "e501-data-url.yaml", BAD / "sources" / "e501-file-url.yaml")
    assert main(["--data", str(data), "check"]) == 1
    out = capsys.readouterr().out
    assert 'e501-data-url.yaml:4:6: E501 url is not an http(s) URL: "data:text/html,<script>alert(1)</script>"' in out
    assert 'e501-file-url.yaml:4:6: E501 url is not an http(s) URL: "file:///etc/passwd"' in out


def test_a_failed_build_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    data = make_data(tmp_path / "src", BAD / "events" / "e400-bad-date.yaml")
    root = copy_site_tree(tmp_path / "root", data)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    command = [sys.executable, "-m", "scripts.tracker", "build", "--site-dir", str(site), "--config", str(root / "mkdocs.yml")]
    failed = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, check=False)
    assert failed.returncode == 1
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert "E400" in failed.stderr
    (root / "data" / "events" / "e400-bad-date.yaml").unlink()
    done = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Social Credit Tracker" in (site / "index.html").read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".site-build-*"))


def _hostile_dataset(tmp_path: Path) -> Path:
    data = make_data(tmp_path / "src")
    source = data / "sources" / "good-report.yaml"
    text = source.read_text(encoding="utf-8")
    text = text.replace("title: A report about the list", 'title: "=HYPERLINK(\\"http://evil.example\\") {brace} 100% \\\\ end"')
    source.write_text(text, encoding="utf-8")
    event = data / "events" / "good-event.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("title: Example court", "title: +cmd|' /C calc'!A0 Example court"), encoding="utf-8")
    translation = data / "sources" / "good-translation.yaml"
    text = translation.read_text(encoding="utf-8").replace("title_note: The copy", "title_note: <script>alert(1)</script> The copy")
    text = text.replace("number: 国发〔2014〕21号", 'number: "=cmd {x} 100%"').replace("- 国务院 (State Council)", "- <b>国务院</b> (State Council)")
    translation.write_text(text, encoding="utf-8")
    assert main(["--data", str(data), "format"]) == 0
    return data


def test_plain_fields_are_escaped_in_csv_bibtex_and_ris(tmp_path: Path) -> None:
    data = _hostile_dataset(tmp_path)
    root = copy_site_tree(tmp_path / "root", data)
    out = tmp_path / "out"
    result = build(root, out)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO((out / "downloads" / "sources.csv").read_text(encoding="utf-8-sig"))))
    assert next(r for r in rows if r["id"] == "good-report")["title"].startswith("'=HYPERLINK")
    events = list(csv.DictReader(io.StringIO((out / "downloads" / "events.csv").read_text(encoding="utf-8-sig"))))
    assert next(r for r in events if r["id"] == "good-event")["title"].startswith("'+cmd")
    library = bibtexparser.parse_string((out / "downloads" / "sources.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks and len(library.entries) == 3
    records = rispy.loads((out / "downloads" / "sources.ris").read_text(encoding="utf-8"))
    assert records[0]["title"] == '=HYPERLINK("http://evil.example") {brace} 100% \\ end'
    # a source's title_note and document reach the page as text, and the downloads intact
    translation = next(r for r in rows if r["id"] == "good-translation")
    assert translation["document_number"] == "'=cmd {x} 100%"
    assert next(r for r in records if r["title"].startswith("Planning Outline"))["note"] == "=cmd {x} 100%"  # RIS M1
    soup = BeautifulSoup((out / "sources" / "good-translation" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("p.title-note").get_text().startswith("No headline on the copy: <script>alert(1)</script>")
    assert not soup.select("article script, article b")


def test_every_page_carries_a_strict_policy_and_no_referrer(site: Path) -> None:
    for html in [site / "index.html", *sorted(site.glob("events/*/index.html"))[:20], site / "figures" / "index.html"]:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "unsafe-inline" not in policy.split("style-src-attr")[0]
        assert "http" not in policy
        assert "unsafe-eval" not in policy  # WebAssembly only on the search page (tests/test_search.py)
        assert soup.find("meta", attrs={"name": "referrer"})["content"] == "no-referrer"
        for a in soup.find_all("a", href=re.compile(r"^https?://")):
            assert {"noopener", "noreferrer"} <= set(a.get("rel", [])), (html, a)


def test_two_builds_of_one_commit_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = build(ROOT, again)
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in sorted(again.rglob("*")) if p.is_file()}
    assert first.keys() == second.keys()
    assert any(name.parts[0] == "pagefind" for name in first)  # the search index is compared too
    assert [name for name in first if first[name] != second[name]] == []


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    pages = sorted(site.rglob("*.html"))
    for html in pages:
        ids[html] = set(re.findall(r'\bid="([^"]+)"', html.read_text(encoding="utf-8")))
    broken = []
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for el in soup.find_all(["a", "link", "script", "img"]):
            ref = el.get("href") or el.get("src")
            if not ref or urlparse(ref).scheme or ref.startswith("//") or ("rel" in el.attrs and "canonical" in el["rel"]):
                continue
            path, _, anchor = ref.partition("#")
            base = site if path.startswith("/") else html.parent  # 404.html links from the site root
            target = (base / unquote(path.lstrip("/"))).resolve() if path else html
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() or (anchor and target.suffix == ".html" and anchor not in ids.get(target, set())):
                broken.append((html.relative_to(site), ref))
    assert broken == []


def test_the_check_runs_offline_and_quietly() -> None:
    env = {**REAL_ENV, "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    result = subprocess.run([sys.executable, "-m", "scripts.tracker", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == ""


def test_symlinked_data_inside_data_is_followed(tmp_path: Path, capsys) -> None:
    data = make_data(tmp_path)
    (data / "events" / "good-later-event.yaml").rename(data / "elsewhere.yaml")
    os.symlink(data / "elsewhere.yaml", data / "events" / "good-later-event.yaml")
    assert main(["--data", str(data), "check"]) == 0
    shutil.rmtree(data)
