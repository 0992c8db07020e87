"""The built site as readers and citing journalists see it: a full strict build, inspected."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from scripts.tracker import dates
from scripts.tracker.__main__ import main

from .conftest import ENV, FIXTURES, ROOT, build, copy_site_tree, load, make_data, page


def event_files() -> list[Path]:
    return sorted((ROOT / "data" / "events").glob("*.yaml"))


def test_every_entry_page_lists_its_sources_in_order(site: Path) -> None:
    for kind in ("events", "claims"):
        for file in sorted((ROOT / "data" / kind).glob("*.yaml")):
            entry = load(file)
            soup = page(site, f"{kind}/{entry['id']}")
            items = soup.select("#sources ~ ol.sources, #evidence ~ ol.sources")[0].find_all("li", recursive=False)
            assert [li["id"] for li in items] == [f"src-{c['source']}" for c in entry["sources"]], file.name
            for li, cite in zip(items, entry["sources"], strict=True):
                source = load(ROOT / "data" / "sources" / f"{cite['source']}.yaml")
                assert li.find("a", href=source["url"]), (file.name, cite)
                assert source["publisher"] in li.get_text()
                if source.get("archive_url"):
                    assert li.find("a", href=source["archive_url"])
            # each citation in the text points at a numbered source on the same page
            for a in soup.select(".summary sup.cite a"):
                target = a["href"][1:]
                assert soup.find(id=target), (file.name, target)
                number = [li["id"] for li in soup.select("ol.sources li")].index(target) + 1
                assert a.get_text() == f"[{number}]"


def test_timeline_holds_every_event_in_date_order(site: Path) -> None:
    soup = page(site, "timeline")
    ids = [li["id"] for li in soup.select("ol.timeline > li")]
    events = {load(f)["id"]: load(f) for f in event_files()}
    assert sorted(ids) == sorted(events)
    keys = [(dates.parse(events[i]["date"]).sort_key, i) for i in ids]
    assert keys == sorted(keys)
    # a range is two <time> elements (HTML's datetime holds one date, never START/END)
    labels = {li["id"]: "–".join(t.get_text() for t in li.find_all("time", recursive=False)) for li in soup.select("ol.timeline > li")}
    assert not soup.select('ol.timeline time[datetime*="/"]')
    for event_id, event in events.items():
        assert labels[event_id] == dates.parse(event["date"]).label


def test_figure_pages_show_every_value_with_its_source(site: Path) -> None:
    for file in sorted((ROOT / "data" / "figures").glob("*.yaml")):
        figure = load(file)
        soup = page(site, f"figures/{figure['id']}")
        rows = soup.select("#values ~ table tbody tr")
        assert len(rows) == len(figure["values"]), file.name
        numbers = {li["id"]: str(n) for n, li in enumerate(soup.select("#sources ~ ol.sources > li"), start=1)}
        for row, value in zip(rows, figure["values"], strict=True):
            anchor = f"src-{value['source']['source']}"
            link = row.select_one(f'a[href="#{anchor}"]')
            assert link and link.get_text() == f"[{numbers[anchor]}]", (file.name, value)


def test_home_page_shows_the_chosen_figures_and_counts(site: Path) -> None:
    soup = page(site, "")
    text = soup.get_text(" ")
    assert f"{len(event_files())} events" in text
    for number in load(ROOT / "data" / "key-numbers.yaml")["numbers"]:
        assert soup.find("a", href=re.compile(rf"figures/{number['figure']}/#values$")), number


def test_no_page_asks_another_host_for_anything(site: Path) -> None:
    fetching = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src"}
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in fetching.items():
            for el in soup.find_all(tag, **{attr: True}):
                assert not urlparse(el[attr]).netloc, (html, el)
        for link in soup.find_all("link", href=True):
            # rel values that are names for the page, not resources a browser fetches
            if set(link.get("rel", [])) <= {"canonical", "alternate", "schema.DC"}:
                continue
            assert not urlparse(link["href"]).netloc, (html, link)
    for css in site.rglob("*.css"):
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_entry_pages_stay_out_of_the_sidebar(site: Path) -> None:
    soup = page(site, "timeline")
    nav = soup.select_one("nav.md-nav--primary")
    assert not nav.find("a", href=re.compile(r"events/[a-z0-9-]+/$"))


def test_an_entry_page_has_a_table_of_contents_of_its_sections(site: Path) -> None:
    # generated pages skip Markdown (scripts/mkdocs_hooks.py); the hook rebuilds the contents list
    toc = page(site, "events/spc-blacklist-launch-2013").select_one("nav.md-nav--secondary")
    assert [a.get_text(strip=True) for a in toc.select("a.md-nav__link")] == ["In time", "Sources", "Corrections", "Cite this page"]
    assert [a["href"] for a in toc.select("a.md-nav__link")] == ["#in-time", "#sources", "#corrections", "#cite"]


def test_long_listings_are_split_into_pages(tmp_path: Path) -> None:
    root = copy_site_tree(tmp_path / "tree", make_data(tmp_path))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("list_page_size: 500", "list_page_size: 1"), encoding="utf-8")
    out = tmp_path / "site"
    result = build(root, out)
    assert result.returncode == 0, result.stderr
    sources = sorted(p.stem for p in (root / "data" / "sources").glob("*.yaml"))
    listed = []
    assert len(sources) > 1
    for n in range(1, len(sources) + 1):
        soup = page(out, "sources" if n == 1 else f"sources/page-{n}")
        rows = soup.select("article table tbody tr")
        assert len(rows) == 1
        listed += [row.find("a")["href"].strip("/").split("/")[-1] for row in rows]
        assert f"Rows {n}–{n} of {len(sources)}." in soup.get_text()
        assert soup.find("a", string="Page 1") if n > 1 else soup.find("a", string="Page 2")
    assert listed == sources
    assert not (out / "sources" / f"page-{len(sources) + 1}").exists()


def test_hostile_content_never_reaches_a_page_as_script(tmp_path: Path) -> None:
    data = make_data(tmp_path / "src")
    event = data / "events" / "good-event.yaml"
    text = event.read_text(encoding="utf-8")
    text = text.replace("title: Example court publishes a list of debtors", 'title: "<script>alert(1)</script> [x](javascript:alert(2))"')
    text = text.replace(
        "The court began publishing a list of debtors [@good-source]",
        'Names <script>alert(3)</script><img src=x onerror="alert(4)"> [click](javascript:alert(5)) '
        '[data](data:text/html,hi) <a href="javascript:alert(6)" onclick="x()">a</a> [@good-source]',
    )
    event.write_text(text, encoding="utf-8")
    assert main(["--data", str(data), "format"]) == 0  # as a contributor would, before the check
    root = copy_site_tree(tmp_path / "root", data)
    result = build(root, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "out" / "events" / "good-event" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":  # data, never run; nothing in it may close the element
            assert "<" not in script.string and json.loads(script.string)
        else:
            assert "alert(" not in str(script)
    article = soup.select_one("article")
    assert not article.find_all("img")
    for el in soup.find_all(True):
        assert not any(attr.startswith("on") for attr in el.attrs), el
        for attr in ("href", "src"):
            assert not str(el.get(attr, "")).strip().lower().startswith(("javascript:", "data:")), el
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in str(article.h1)
    assert soup.title.get_text().startswith("<script>alert(1)</script>")  # shown as text, not run


def test_bad_data_stops_the_build_with_the_checkers_message(tmp_path: Path) -> None:
    data = make_data(tmp_path / "src")
    shutil.copy(FIXTURES / "bad" / "events" / "e400-bad-date.yaml", data / "events")
    root = copy_site_tree(tmp_path / "root", data)
    result = build(root, tmp_path / "out")
    assert result.returncode == 1
    assert "e400-bad-date.yaml:3:7: E400" in result.stderr
    assert "Traceback" not in result.stderr


def test_generation_is_deterministic_in_one_process_or_several(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_clock: None) -> None:
    from scripts.tracker import parallel
    from scripts.tracker.generate import generate_pages

    outputs = []
    for n, parallel_from in ((1, 10**9), (2, 10**9), (3, 1)):  # the third run forks workers
        monkeypatch.setattr(parallel, "PARALLEL_FROM", parallel_from)
        docs, snippets = tmp_path / f"docs{n}", tmp_path / f"snip{n}"
        generate_pages(ROOT / "data", docs, snippets, ROOT / "mkdocs.yml")
        outputs.append({p.relative_to(docs): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0]) >= len(event_files())


def test_bad_data_is_reported_the_same_by_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.tracker import parallel
    from scripts.tracker.checks import run_checks
    from scripts.tracker.clock import today
    from scripts.tracker.dataset import load_dataset

    data = make_data(tmp_path, *sorted((FIXTURES / "bad").glob("*/e2*.yaml")), *sorted((FIXTURES / "bad").glob("*/e330*.yaml")))
    found = []
    for parallel_from in (10**9, 1):
        monkeypatch.setattr(parallel, "PARALLEL_FROM", parallel_from)
        found.append([p.format() for p in run_checks(load_dataset(data), today())])
    assert found[0] == found[1]
    assert any(" E20" in line for line in found[0]) and any(" E330 " in line for line in found[0])


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 30) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_serving_regenerates_a_page_when_its_yaml_changes(tmp_path: Path) -> None:
    data = make_data(tmp_path / "src")
    root = copy_site_tree(tmp_path / "root", data)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/events/good-event/"
        assert _wait_for(url, "Example court publishes a list of debtors")
        event = root / "data" / "events" / "good-event.yaml"
        event.write_text(event.read_text(encoding="utf-8").replace("Example court publishes", "Edited court publishes"), encoding="utf-8")
        assert _wait_for(url, "Edited court publishes a list of debtors")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_an_entry_resting_only_on_reposts_says_so(fixture_site: Path) -> None:
    notice = "Every source of this entry is a repost"
    assert notice in page(fixture_site, "events/good-later-event").get_text()
    assert notice not in page(fixture_site, "events/good-event").get_text()


def test_glossary_terms_get_hover_hints_and_a_page(fixture_site: Path) -> None:
    hint = page(fixture_site, "events/good-event").select_one(".summary abbr")
    assert hint and hint.get_text() == "list of debtors"  # first use only, longest phrase first
    assert hint["title"] == "A court list of people who can comply with a judgment but do not."
    glossary = page(fixture_site, "glossary")
    term = glossary.select_one("dt#judgment-debtors")
    assert term and "失信被执行人名单" in term.get_text()
    assert term.find_next("dd").find("a", href="../events/good-event/")


def test_each_source_link_says_whether_it_is_the_original_a_repost_or_a_translation(site: Path) -> None:
    sources = {p.stem: load(p) for p in (ROOT / "data" / "sources").glob("*.yaml")}
    checked = set()
    for path in sorted((ROOT / "data" / "events").glob("*.yaml")):
        event = load(path)
        soup = page(site, f"events/{event['id']}")
        for cite in event["sources"]:
            source = sources[cite["source"]]
            want = "repost" if source.get("repost_of") else "translation" if source["kind"] == "translation" else "original"
            link = soup.find("li", id=f"src-{source['id']}").find("a", href=source["url"])
            assert link.get_text() == want, (event["id"], source["id"])
            checked.add(want)
    assert checked == {"original", "repost", "translation"}


def test_a_quotation_inside_a_cited_title_takes_single_quotes(site: Path) -> None:
    box = page(site, "claims/ap-17-5m-flights-5-5m-trains-last-year").select_one(".cite-box")
    formats = dict(
        zip([x.get_text(strip=True) for x in box.select(".tabbed-labels label")], [c.get_text() for c in box.select("pre code")], strict=True)
    )
    assert "train purchases blocked 'last year'\", https://" in formats["Short"]
    for style in ("MLA", "Chicago"):
        assert "Train Purchases Blocked ‘Last Year.’”" in formats[style], formats[style]
        assert '"' not in formats[style].split("”")[0]
