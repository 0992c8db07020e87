"""End-to-end in Debian's Chromium (driven by Playwright, which downloads no browser here):
the pages readers use, with every request recorded and every console error caught, and an
axe-core accessibility audit."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlparse, urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed; run `make tools`")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


class Watched:
    """A page whose every request and console error is recorded."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.context = browser.new_context(base_url=base_url)
        self.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
        self.page: Page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        # a blocked script, WebAssembly, worker or fetch is reported as an error, so every page
        # checked here is also checked against its own Content-Security-Policy
        self.context.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
        )

    def visit(self, path: str) -> Page:
        self.page.goto(path, wait_until="networkidle")
        return self.page

    def assert_clean(self) -> None:
        foreign = [u for u in self.requests if urlparse(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]
        assert foreign == [], foreign
        assert self.errors == [], self.errors


@pytest.fixture
def watched(browser: Browser, base_url: str) -> Iterator[Watched]:
    w = Watched(browser, base_url)
    yield w
    w.assert_clean()
    w.context.close()


PAGES = [
    "",
    "timeline/",
    "events/spc-blacklist-launch-2013/",
    "figures/spc-air-ticket-purchases-blocked-cumulative/",
    "claims/citizens-start-with-800-points/",
    "sources/chinadaily-2013-debtor-blacklist-leaves-its-mark/",
    "figures/",
    "glossary/",
    "search/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_with_no_foreign_request_and_no_console_error(watched: Watched, path: str) -> None:
    page = watched.visit(path)
    assert page.locator("h1").first.is_visible()


def test_a_figure_shows_its_chart_and_table(watched: Watched) -> None:
    page = watched.visit("figures/spc-air-ticket-purchases-blocked-cumulative/")
    chart = page.locator("figure.chart-figure svg[role=group]")
    assert chart.is_visible() and chart.bounding_box()["height"] > 100
    assert page.locator("article table tbody tr").count() >= 5  # Material wraps tables in the browser


def search_from_the_header(page: Page, query: str) -> None:
    """Type a query into the header's search field and send it, as a reader does."""
    field = page.get_by_role("searchbox", name="Search the tracker")
    field.press_sequentially(query)
    field.press("Enter")


def test_search_finds_the_right_entry(watched: Watched) -> None:
    page = watched.visit("events/spc-blacklist-launch-2013/")
    search_from_the_header(page, "Rongcheng points")
    page.wait_for_url(re.compile(r"/search/\?q=Rongcheng\+points$"))
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for(timeout=30000)
    assert results.first.get_attribute("href") == "/events/rongcheng-personal-credit-points-scheme/"
    assert results.first.inner_text().startswith("Rongcheng, Shandong")
    assert page.get_by_role("searchbox", name="Search the tracker").input_value() == "Rongcheng points"
    assert any(urlparse(u).path.startswith("/pagefind/fragment/") for u in watched.requests)


def test_searching_again_on_the_search_page_keeps_the_address_in_step(watched: Watched) -> None:
    page = watched.visit("search/")
    box = page.locator(".pagefind-ui__search-input")
    box.press_sequentially("Wang Sicong")
    box.press("Enter")  # Pagefind's own form must not navigate (its action is a javascript: URL)
    page.locator(".pagefind-ui__result-link", has_text="Wang Sicong").first.wait_for(timeout=30000)
    page.wait_for_url(re.compile(r"/search/\?q=Wang\+Sicong$"))
    assert page.get_by_role("searchbox", name="Search the tracker").input_value() == "Wang Sicong"


def test_search_also_runs_in_the_page_itself_under_its_policy(watched: Watched) -> None:
    """Pagefind falls back from its web worker to the page's own thread (no worker support, or
    a failed one); its WebAssembly then runs under the page's policy ('wasm-unsafe-eval')."""
    page = watched.visit("search/")
    found = page.evaluate(
        """async () => {
            const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
            await pagefind.options({ noWorker: true });
            const search = await pagefind.search("Rongcheng");
            return (await search.results[0].data()).url;
        }"""
    )
    assert found == "/events/rongcheng-personal-credit-points-scheme/"


def test_other_pages_load_no_search_code(watched: Watched) -> None:
    watched.visit("events/spc-blacklist-launch-2013/")
    assert not [u for u in watched.requests if "/pagefind/" in u or u.endswith("/search.js")]


def test_an_entry_page_does_not_download_the_sitemap(watched: Watched) -> None:
    # Material fetches sitemap.xml for every link rel=alternate (the feed's, here); it grows with the data
    watched.visit("events/spc-blacklist-launch-2013/")
    watched.page.wait_for_timeout(500)
    assert not [u for u in watched.requests if u.endswith("sitemap.xml")]
    watched.visit("")
    assert watched.page.locator('link[rel=alternate][type="application/atom+xml"]').count() == 1


@pytest.fixture(scope="module")
def sub_path_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site served from /tracker/, as on a project's GitHub Pages."""
    root = tmp_path_factory.mktemp("served")
    (root / "tracker").symlink_to(site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/tracker/"
    server.shutdown()


def test_search_works_from_a_sub_path(browser: Browser, sub_path_url: str) -> None:
    watched = Watched(browser, sub_path_url)
    page = watched.visit("glossary/")
    search_from_the_header(page, "Rongcheng points")
    page.wait_for_url(re.compile(r"/tracker/search/\?q=Rongcheng\+points$"))
    first = page.locator(".pagefind-ui__result-link").first
    first.wait_for(timeout=30000)
    assert first.get_attribute("href") == "/tracker/events/rongcheng-personal-credit-points-scheme/"
    watched.assert_clean()
    watched.context.close()


def test_timeline_filtering_works_in_the_page(watched: Watched) -> None:
    page = watched.visit("timeline/")
    items = page.locator("ol.timeline > li")
    total = items.count()
    page.locator(".timeline-tools > summary").click()  # the filters are folded into one control
    page.select_option("select[name=category]", "xinjiang")
    visible = page.locator("ol.timeline > li:not([hidden])")
    events = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "data" / "events").glob("*.yaml")]
    assert visible.count() == sum("xinjiang" in e["categories"] for e in events) < total
    assert "category=xinjiang" in page.url
    assert page.locator(".timeline-filter__count").inner_text() == f"{visible.count()} of {total} events"
    page.select_option("select[name=category]", "")
    assert page.locator("ol.timeline > li:not([hidden])").count() == total


def test_the_cite_box_copies_a_citation(watched: Watched) -> None:
    page = watched.visit("events/spc-blacklist-launch-2013/")
    page.locator(".cite-box .tabbed-labels label", has_text="BibTeX").click()
    block = page.locator(".cite-box .tabbed-block").nth(4)
    block.hover()
    block.locator("button.md-code__button, button.md-clipboard").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{sct-spc-blacklist-launch-2013,")


def test_the_correction_link_opens_a_prefilled_issue(watched: Watched) -> None:
    page = watched.visit("events/spc-blacklist-launch-2013/")
    link = page.locator(".report-correction a")
    href = link.get_attribute("href")
    assert re.match(r"https://github\.com/[\w-]+/[\w-]+/issues/new\?template=correction\.yml&title=Correction", href)
    assert "entry=events%2Fspc-blacklist-launch-2013" in href
    assert set(link.get_attribute("rel").split()) >= {"noopener", "noreferrer"}


# the search page is audited with results shown, as well as empty (in PAGES)
@pytest.mark.parametrize("path", [*PAGES, "search/?q=Rongcheng+points"])
def test_no_serious_or_critical_accessibility_violation(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(base_url=base_url, bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    page.goto(path, wait_until="networkidle")
    if "?q=" in path:
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=30000)
    results = Axe().run(page)
    context.close()
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


# ---------------------------------------------------------------- reading on a phone (issue 15)
PHONE = {"width": 390, "height": 844}
EVERY_PAGE_TYPE = [
    "",  # home
    "timeline/",
    "timeline/2018/",
    "timeline/themes/court-blacklists/",
    "timeline/places/china/",
    "events/",  # a listing
    "sources/",
    "events/spc-blacklist-launch-2013/",
    "figures/spc-air-ticket-purchases-blocked-cumulative/",
    "figures/china-surveillance-camera-totals-press-estimates/",
    "claims/citizens-start-with-800-points/",
    "sources/chinadaily-2013-debtor-blacklist-leaves-its-mark/",
    "search/?q=Rongcheng",
    "downloads/",
    "changelog/",
]


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", EVERY_PAGE_TYPE)
def test_no_page_scrolls_sideways_on_a_phone_and_every_table_cell_can_be_seen(phone: Page, path: str) -> None:
    phone.goto(path, wait_until="networkidle")
    if "?q=" in path:
        phone.locator(".pagefind-ui__result-link").first.wait_for(timeout=30000)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    hidden = phone.evaluate(
        """() => [...document.querySelectorAll("article td")].filter(td => {
            const box = td.getBoundingClientRect();
            return box.width === 0 || box.left < 0 || box.right > window.innerWidth + 0.5;
        }).map(td => td.textContent.slice(0, 40))"""
    )
    assert hidden == []


def test_the_note_column_is_reachable_on_a_phone_beside_its_label(phone: Page) -> None:
    phone.goto("figures/spc-air-ticket-purchases-blocked-cumulative/#values", wait_until="networkidle")
    note = phone.locator("article table td[data-label=Note]").filter(has_text="17.5 million").first
    assert note.is_visible()
    assert phone.evaluate("td => getComputedStyle(td, '::before').content", note.element_handle()) == '"Note"'


def test_chart_text_is_at_least_11_px_on_a_phone(phone: Page) -> None:
    phone.goto("figures/spc-air-ticket-purchases-blocked-cumulative/", wait_until="networkidle")
    sizes = phone.evaluate(
        """() => {
            const svg = document.querySelector("figure.chart-figure svg");
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll("text")].filter(t => getComputedStyle(t).display !== "none")
                .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        }"""
    )
    assert sizes and min(sizes) >= 11, sizes


def test_the_timeline_shows_events_on_the_first_screen_of_a_phone(phone: Page) -> None:
    phone.goto("timeline/", wait_until="networkidle")
    first = phone.locator("ol.timeline > li").first.bounding_box()
    assert first["y"] + 40 < PHONE["height"]
    assert not phone.locator("select[name=category]").is_visible()  # folded until asked for
    phone.locator(".timeline-tools > summary").click()
    assert phone.locator("select[name=category]").is_visible()


def test_timeline_order_newest_first_is_kept_in_the_address(watched: Watched) -> None:
    page = watched.visit("timeline/")
    dates = page.locator("ol.timeline > li time")
    oldest = dates.first.get_attribute("datetime")
    page.locator(".timeline-tools > summary").click()
    page.select_option("select[name=order]", "newest")
    assert "order=newest" in page.url
    newest = dates.first.get_attribute("datetime")
    assert newest > oldest
    assert (
        page.locator("h2").filter(has_text=newest[:4]).first.bounding_box()["y"]
        < page.locator("h2").filter(has_text=oldest[:4]).first.bounding_box()["y"]
    )
    page.reload(wait_until="networkidle")
    assert page.locator("ol.timeline > li time").first.get_attribute("datetime") == newest
    assert page.locator("select[name=order]").input_value() == "newest"


def test_a_chart_value_can_be_read_by_keyboard_focus(watched: Watched) -> None:
    page = watched.visit("figures/spc-air-ticket-purchases-blocked-cumulative/")
    page.locator("#chart a.headerlink").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('chart-point')"):
            break
    figure = yaml.safe_load((ROOT / "data" / "figures" / "spc-air-ticket-purchases-blocked-cumulative.yaml").read_text(encoding="utf-8"))
    tip = page.locator(".chart-figure .chart-tip")
    assert tip.is_visible()
    first = figure["values"][0]
    assert f"{first['value']:,}" in tip.inner_text() and "(source [1])" in tip.inner_text()
    page.keyboard.press("Tab")
    assert f"{figure['values'][1]['value']:,}" in tip.inner_text()


def test_a_chart_value_can_be_read_by_touch(phone: Page) -> None:
    phone.goto("figures/spc-air-ticket-purchases-blocked-cumulative/", wait_until="networkidle")
    point = phone.locator(".chart-point").last
    point.tap()
    tip = phone.locator(".chart-figure .chart-tip")
    assert tip.is_visible() and tip.inner_text() == point.get_attribute("aria-label")


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("flight", "/figures/spc-air-ticket-purchases-blocked-cumulative/"),
        ("17.5 million", "/claims/ap-17-5m-flights-5-5m-trains-last-year/"),
        ("Rongcheng", "/events/rongcheng-personal-credit-points-scheme/"),
    ],
)
def test_search_puts_the_page_a_reader_wants_in_the_top_three(watched: Watched, query: str, wanted: str) -> None:
    # read off the search page as a reader sees it (its ranking settings included)
    page = watched.visit(f"search/?q={quote(query)}")
    links = page.locator(".pagefind-ui__result-link")
    links.first.wait_for(timeout=30000)
    urls = [urlsplit(href).path for href in links.evaluate_all("els => els.slice(0, 3).map(e => e.href)")]
    assert wanted in urls, urls


def test_search_results_show_kind_status_and_date(watched: Watched) -> None:
    page = watched.visit("search/?q=Rongcheng")
    result = page.locator(".pagefind-ui__result").first
    result.locator(".pagefind-ui__result-link").wait_for(timeout=30000)
    tags = result.locator(".pagefind-ui__result-tag").all_inner_texts()
    assert {"Kind: Event", "Status: Corroborated"} <= set(tags), tags
    assert any(t.startswith("Date: ") for t in tags), tags
    assert "Last reviewed" not in result.locator(".pagefind-ui__result-excerpt").inner_text()


def test_the_sources_list_filters_by_text_kind_and_language_and_sorts_by_date(watched: Watched) -> None:
    page = watched.visit("sources/")
    rows = page.locator("article table tbody tr")
    total = rows.count()
    page.fill(".list-filter input[name=text]", "Rongcheng")
    shown = page.locator("article table tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    assert all("rongcheng" in t.lower() for t in shown.all_inner_texts())
    page.fill(".list-filter input[name=text]", "")
    page.select_option(".list-filter select[name=language]", "Chinese")
    assert 0 < shown.count() < total
    assert set(shown.locator("td[data-label=Language]").all_inner_texts()) == {"Chinese"}
    page.select_option(".list-filter select[name=language]", "")
    page.select_option(".list-filter select[name=sort]", "newest")
    dated = [d for d in shown.locator("td[data-label=Published] time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")]
    assert dated == sorted(dated, reverse=True) and len(dated) > 100
    link = page.locator("article table td[data-label=Kind]").first
    assert link.is_visible()


def test_a_status_explains_itself_and_links_say_what_they_are(watched: Watched) -> None:
    page = watched.visit("events/spc-blacklist-launch-2013/")
    status = page.locator(".entry-meta a.status")
    assert status.get_attribute("title")
    assert page.locator("ol.sources a.external", has_text="original").count() >= 1
    assert page.locator("ol.sources a.external", has_text=re.compile(r"^link$")).count() == 0
    assert "Published " in page.locator("ol.sources li").first.inner_text()


def test_search_filters_by_kind_and_category_and_keeps_them_in_the_address(watched: Watched) -> None:
    page = watched.visit("search/?q=surveillance&kind=Claim")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=30000)
    kinds = lambda: {t for t in page.locator(".pagefind-ui__result-tag").all_inner_texts() if t.startswith("Kind: ")}  # noqa: E731
    assert kinds() == {"Kind: Claim"}
    assert page.get_by_label(re.compile(r"^Claim \(\d+\)$")).is_checked()
    page.get_by_label(re.compile(r"^Event \(\d+\)$")).check()  # one kind at a time: Claim is unticked
    page.wait_for_url(re.compile(r"/search/\?q=surveillance&kind=Event$"))
    expect(page.get_by_label(re.compile(r"^Claim \(\d+\)$"))).not_to_be_checked()
    expect(page.locator(".pagefind-ui__result-tag", has_text="Kind: Claim")).to_have_count(0)
    expect(page.locator(".pagefind-ui__result-tag", has_text="Kind: Event").first).to_be_visible()
    assert kinds() == {"Kind: Event"}
    message = page.locator(".pagefind-ui__message")
    before = message.inner_text()
    page.locator("summary", has_text="Category").click()
    page.get_by_label(re.compile(r"^Xinjiang \(\d+\)$")).check()
    page.wait_for_url(re.compile(r"/search/\?q=surveillance&kind=Event&category=Xinjiang$"))
    expect(message).not_to_have_text(before)  # the narrower results have come
    expect(message).to_have_text(re.compile(r"^\d+ results? for surveillance$"))
    page.locator(".pagefind-ui__result-link").first.click()
    assert page.locator(".entry-meta").inner_text().count("Xinjiang") >= 1
