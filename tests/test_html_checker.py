"""The built pages as the Nu HTML Checker (the W3C validator; npm vnu-jar, run on Java) and
crawlers see them: no errors from the project's own markup, Chinese text marked lang="zh",
robots.txt with the sitemap, a title and a description of their own on every page, and the
feed in the order things changed. `make tools` installs the checker into build/tools."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, NavigableString

from .conftest import ROOT

VNU = ROOT / "build" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that come from Material for MkDocs' own templates, not from this project's markup.
THEME_ERRORS = [
    # Material's drawer and search toggles are checkboxes with autocomplete="off" (for Firefox,
    # which restores checkbox state on reload); HTML allows autocomplete only on text-like inputs.
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # the table-of-contents title in Material's navigation points at the __toc toggle, which
    # Material leaves out on pages with no table of contents (entry pages are out of the nav).
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.", 'for="__toc"'),
]

SAMPLE = [  # every page type: home, hand-written, listings, timelines, each entry kind, downloads, retired
    "index.html",
    "about/index.html",
    "methodology/index.html",
    "glossary/index.html",
    "changelog/index.html",
    "downloads/index.html",
    "search/index.html",
    "events/index.html",
    "figures/index.html",
    "claims/index.html",
    "sources/index.html",
    "timeline/index.html",
    "timeline/2019/index.html",
    "events/cerd-review-xinjiang-detentions-2018/index.html",  # a date range
    "events/aksu-list-hrw-analysis-2020/index.html",
    "sources/tjbh-2021-third-batch-demonstration-cities/index.html",  # Chinese title and author
    "sources/chinadaily-2015-pay-judgment-or-feel-pinch/index.html",
    "sources/trivium-nd-blacklisting-system/index.html",  # withdrawn: a tombstone
]


def theme_error(message: dict) -> bool:
    return any(message["message"].startswith(text) and marker in message.get("extract", "") for text, marker in THEME_ERRORS)


def nu_errors(site: Path, pages: list[str]) -> list[str]:
    assert VNU.is_file(), "run `make tools` (installs the Nu HTML Checker, npm vnu-jar)"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages], cwd=site, capture_output=True, text=True, check=False
    )
    messages = json.loads(result.stderr)["messages"]
    return [f"{m['url'].rsplit('/site', 1)[-1]}: {m['message']} [{m.get('extract', '').strip()[:80]}]" for m in messages if not theme_error(m)]


def test_the_nu_checker_finds_no_errors_in_the_projects_markup(site: Path) -> None:
    pages = [p for p in SAMPLE if (site / p).is_file()]
    assert len(pages) == len(SAMPLE), sorted(set(SAMPLE) - set(pages))
    assert nu_errors(site, pages) == []


def test_the_nu_checker_test_can_fail(site: Path, tmp_path: Path) -> None:
    """The old range markup is reported, so the test above would catch it coming back."""
    bad = tmp_path / "bad.html"
    html = (site / "events/cerd-review-xinjiang-detentions-2018/index.html").read_text(encoding="utf-8")
    bad.write_text(re.sub(r"<time datetime=\"[^\"]+\">", '<time datetime="2017-04/2017-07">', html, count=1), encoding="utf-8")
    assert any("datetime" in e for e in nu_errors(tmp_path, ["bad.html"]))


CJK = re.compile("[\u3400-\u9fff]")


@pytest.mark.parametrize("rel", [p for p in SAMPLE if p not in ("search/index.html",)])
def test_chinese_text_is_marked_as_chinese(site: Path, rel: str) -> None:
    soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article") or soup.body
    unmarked = [
        str(text).strip()[:40]
        for text in article.find_all(string=CJK)
        if isinstance(text, NavigableString) and not any(p.get("lang", "").startswith("zh") for p in text.parents if p.name)
    ]
    assert unmarked == []


def test_robots_txt_allows_crawling_and_names_the_sitemap(site: Path) -> None:
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines and "Sitemap: https://social-credit-tracker.github.io/sitemap.xml" in lines
    assert (site / "sitemap.xml").is_file()


def test_every_page_has_its_own_title_and_description(site: Path) -> None:
    titles: Counter[str] = Counter()
    descriptions: Counter[str] = Counter()
    for file in site.rglob("index.html"):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a renamed entry's redirect
        titles[soup.title.get_text(strip=True)] += 1
        description = soup.find("meta", attrs={"name": "description"})
        descriptions[description["content"] if description else ""] += 1
    assert [t for t, n in titles.items() if n > 1] == []
    assert [d for d, n in descriptions.items() if n > 1] == []


def test_the_feed_is_ordered_by_change_date_then_kind_and_title(fixture_site: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(fixture_site / "feed.xml").getroot()
    entries = [(e.findtext("a:updated", namespaces=ns), e.findtext("a:title", namespaces=ns)) for e in feed.findall("a:entry", ns)]
    days = [d for d, _ in entries]
    assert days == sorted(days, reverse=True)
    same_day = [title for day, title in entries if day == days[-1]]
    kinds = ["/events/", "/figures/", "/claims/", "/sources/"]
    links = [e.find("a:link", ns).get("href") for e in feed.findall("a:entry", ns) if e.findtext("a:updated", namespaces=ns) == days[-1]]
    order = [next(i for i, k in enumerate(kinds) if k in link) for link in links]
    assert order == sorted(order) and same_day
