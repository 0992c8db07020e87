"""Search: Pagefind indexes the built site after every build. Entries and the hand-written pages
are searchable; source records, timelines and the search page itself are not; only the search
page may run WebAssembly. Pagefind's fragments are read directly (gzip, a "pagefind_dcd" prefix,
then JSON: the format of the pinned Pagefind 1.5.2) to see what a reader's query can find."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from scripts import mkdocs_hooks
from scripts.tracker.search_index import read

from .conftest import ROOT, page


def fragments(site: Path) -> dict[str, dict]:
    """Every page Pagefind indexed, by URL."""
    out = {}
    for file in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(file.read_bytes())
        assert data.startswith(b"pagefind_dcd"), file
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        out[fragment["url"]] = fragment
    return out


def policy(site: Path, rel: str) -> str:
    return page(site, rel).find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


def test_the_built_site_has_a_pagefind_index_of_the_marked_pages(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    marked = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert entry["languages"]["en"]["page_count"] == len(marked) > 100
    assert list((site / "pagefind" / "index").glob("*.pf_index"))
    assert (site / "pagefind" / "pagefind-ui.js").is_file() and (site / "pagefind" / "wasm.en.pagefind").is_file()


def test_entries_and_hand_written_pages_are_indexed_and_sources_timelines_are_not(site: Path) -> None:
    urls = set(fragments(site))
    for kind in ("events", "figures", "claims"):
        for file in (ROOT / "data" / kind).glob("*.yaml"):
            assert f"/{kind}/{file.stem}/" in urls, file
    assert {"/", "/methodology/", "/glossary/", "/about/"} <= urls
    assert not [u for u in urls if u.startswith(("/timeline/", "/search/", "/sources/"))]
    assert not {"/events/", "/figures/", "/claims/"} & urls  # listings: results lead to the entries themselves
    assert "/404.html" not in urls and "/404" not in urls
    source = next((site / "sources").glob("*/index.html"))
    assert "data-pagefind-body" not in source.read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (site / "timeline" / "index.html").read_text(encoding="utf-8")
    soup = page(site, "events/spc-blacklist-launch-2013")
    assert soup.select_one("article.md-content__inner[data-pagefind-body]")  # the article, not the header or nav


def test_every_page_marked_for_search_is_in_the_index(site: Path) -> None:
    # the hook lets Pagefind read only some folders (PAGEFIND_READS); nothing marked may fall outside
    marked = {
        "/" + str(html.parent.relative_to(site)).replace(".", "").strip("/") + "/"
        for html in site.rglob("*.html")
        if "data-pagefind-body" in html.read_text(encoding="utf-8")
    }
    assert {url.replace("//", "/") for url in marked} == set(fragments(site))


def test_results_are_titled_by_the_h1_and_skip_marked_parts(site: Path) -> None:
    indexed = fragments(site)
    for url, fragment in indexed.items():
        h1 = page(site, url.strip("/")).select_one("article h1")
        for link in h1.select(".headerlink"):  # hand-written pages' h1 carry one; generated pages' do not
            link.decompose()
        assert fragment["meta"]["title"] == h1.get_text().strip(), url
    event = indexed["/events/spc-blacklist-launch-2013/"]["content"]
    assert "@misc{" not in event and "Please cite the original sources" not in event  # the cite box (data-pagefind-ignore)
    html = page(site, "events/spc-blacklist-launch-2013")
    assert html.select_one(".cite-box[data-pagefind-ignore]") and not html.select("[data-search-exclude]")
    assert "Skip to content" not in event and "Dataset version" not in event  # header, footer
    assert "Cite this page" not in event and "In time" not in event  # headings of ignored sections


def test_only_the_search_page_may_run_webassembly(site: Path) -> None:
    search = policy(site, "search")
    script_src = next(d for d in search.split(";") if d.strip().startswith("script-src"))
    assert "'wasm-unsafe-eval'" in script_src and "'unsafe-eval'" not in script_src.replace("'wasm-unsafe-eval'", "")
    assert "worker-src 'self'" in search and "connect-src 'self'" in search
    for rel in ("", "events/spc-blacklist-launch-2013", "glossary", "timeline"):
        assert "wasm-unsafe-eval" not in policy(site, rel), rel


def test_the_search_page_alone_loads_pagefind_from_the_site_itself(site: Path) -> None:
    search = page(site, "search")
    scripts = [s["src"] for s in search.find_all("script", src=True)]
    assert "../pagefind/pagefind-ui.js" in scripts and "../assets/js/search.js" in scripts
    assert search.find("link", href="../pagefind/pagefind-ui.css")
    entry = (site / "events" / "spc-blacklist-launch-2013" / "index.html").read_text(encoding="utf-8")
    assert "pagefind-ui" not in entry and "search.js" not in entry


def test_every_page_has_a_search_form_that_works_without_javascript(site: Path) -> None:
    for rel in ("", "events/spc-blacklist-launch-2013", "timeline/2013", "sources"):
        form = page(site, rel).select_one("header form.site-search")
        target = (site / rel / form["action"]).resolve()
        assert form.get("method") == "get" and target == (site / "search").resolve(), rel
        field = form.select_one("input[type=search][name=q]")
        assert form.select_one(f"label[for={field['id']}]").get_text(strip=True)
    not_found = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert not_found.select_one("form.site-search")["action"] == "/search/"


def test_a_pagefind_failure_stops_the_build_with_its_message(tmp_path: Path) -> None:
    with pytest.raises(Abort, match=r"Pagefind failed(.|\n)*not able to build an index"):
        mkdocs_hooks.on_post_build({"site_dir": str(tmp_path)})  # nothing to index


def test_each_entry_can_be_filtered_by_its_kind_and_categories(site: Path) -> None:
    found = fragments(site)
    categories = yaml_names(ROOT / "data" / "vocab" / "categories.yaml")
    for kind, label in (("events", "Event"), ("figures", "Figure"), ("claims", "Claim")):
        for file in sorted((ROOT / "data" / kind).glob("*.yaml"))[:5]:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            filters = found[f"/{kind}/{file.stem}/"]["filters"]
            assert filters["kind"] == [label], file
            assert sorted(filters["category"]) == sorted(categories[c] for c in data["categories"]), file
    assert "filters" not in found["/methodology/"] or not found["/methodology/"]["filters"]


def test_the_filter_index_lists_kinds_and_categories_in_sorted_order(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = read(site / "pagefind" / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    index = {name: read(site / "pagefind" / "filter" / f"{file}.pf_filter")[1] for name, file in meta[3]}
    assert list(index) == ["category", "kind"]
    counts = {value: len(pages) for value, pages in index["kind"]}
    kinds = (("claims", "Claim"), ("events", "Event"), ("figures", "Figure"))
    assert counts == {label: len(list((ROOT / "data" / kind).glob("*.yaml"))) for kind, label in kinds}
    names = [value for value, _ in index["category"]]
    assert names == sorted(names) == sorted(yaml_names(ROOT / "data" / "vocab" / "categories.yaml").values())


def yaml_names(path: Path) -> dict[str, str]:
    return {key: value["name"] for key, value in yaml.safe_load(path.read_text(encoding="utf-8")).items()}
