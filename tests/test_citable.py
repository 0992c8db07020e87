"""What citing journalists and reference managers get, read back with independent parsers:
bibtexparser, rispy, citeproc-py (a CSL processor) and extruct (an HTML metadata extractor)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import bibtexparser
import extruct
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from .conftest import page

URL = "https://social-credit-tracker.github.io/events/good-event/"
TITLE = "Example court publishes a list of debtors"


def cite_formats(site: Path, rel: str) -> dict[str, str]:
    soup = page(site, rel)
    box = soup.select_one(".cite-box")
    labels = [label.get_text(strip=True) for label in box.select(".tabbed-labels label")]
    blocks = [code.get_text() for code in box.select(".tabbed-block pre code")]
    return dict(zip(labels, blocks, strict=True))


def test_every_entry_page_offers_every_citation_format(fixture_site: Path) -> None:
    for rel in ("events/good-event", "figures/good-figure", "claims/good-claim"):
        assert list(cite_formats(fixture_site, rel)) == ["Short", "APA", "MLA", "Chicago", "BibTeX", "RIS", "CSL-JSON"]
        text = page(fixture_site, rel).select_one(".cite-box").get_text()
        assert "cite the original sources" in text
    # a source record cites the document it describes
    assert list(cite_formats(fixture_site, "sources/good-source")) == ["APA", "MLA", "Chicago", "BibTeX", "RIS", "CSL-JSON"]
    assert "cite the document itself" in page(fixture_site, "sources/good-source").select_one(".cite-box").get_text()


def test_the_human_readable_citations_name_title_url_version_and_review_date(fixture_site: Path) -> None:
    formats = cite_formats(fixture_site, "events/good-event")
    assert formats["APA"].strip() == (
        f"Social Credit Tracker contributors. (2026, January 1). {TITLE} [Dataset version 2026.02.01]. Social Credit Tracker. {URL}"
    )
    title_case = "Example Court Publishes a List of Debtors"
    assert formats["MLA"].strip() == f"Social Credit Tracker contributors. “{title_case}.” Social Credit Tracker, 2026.02.01, 1 Jan. 2026, {URL}."
    assert formats["Chicago"].strip() == (
        f"Social Credit Tracker contributors. 2026. “{title_case}.” Dataset version 2026.02.01. Social Credit Tracker. January 1, 2026. {URL}."
    )
    assert formats["Short"].strip() == f'Social Credit Tracker, "{TITLE}", {URL} (version 2026.02.01, last reviewed 1 January 2026)'


def test_bibtex_parses_with_bibtexparser(fixture_site: Path) -> None:
    library = bibtexparser.parse_string(cite_formats(fixture_site, "events/good-event")["BibTeX"])
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == "sct-good-event"
    assert entry["title"] == "{" + TITLE + "}"
    assert entry["url"] == URL
    assert entry["year"] == "2026"
    assert "2026.02.01" in entry["note"]


def test_ris_parses_with_rispy(fixture_site: Path) -> None:
    (record,) = rispy.loads(cite_formats(fixture_site, "events/good-event")["RIS"])
    assert record["type_of_reference"] == "ELEC"
    assert record["title"] == TITLE
    assert record["urls"] == [URL]
    assert record["edition"] == "2026.02.01"
    assert record["date"] == "2026/01/01"


def render_csl(items: list[dict]) -> list[str]:
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_csl_json_renders_with_a_csl_processor(fixture_site: Path) -> None:
    items = json.loads(cite_formats(fixture_site, "events/good-event")["CSL-JSON"])
    (rendered,) = render_csl(items)
    assert TITLE in rendered and "2026" in rendered and URL in rendered


def test_head_metadata_is_read_by_an_extractor(fixture_site: Path) -> None:
    html = (fixture_site / "events" / "good-event" / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=URL, syntaxes=["json-ld", "dublincore"], uniform=True)
    (webpage,) = data["json-ld"]
    assert webpage["@type"] == "WebPage" and webpage["isPartOf"]["version"] == "2026.02.01"
    event = webpage["about"]
    assert event["@type"] == "Event"
    assert event["name"] == TITLE
    assert event["startDate"] == "2013-10"
    assert event["location"]["name"] == "Rongcheng"
    dc = {e["URI"].rsplit("/", 1)[1]: e["content"] for e in data["dublincore"][0]["elements"]}
    assert dc["title"] == TITLE and dc["identifier"] == URL and dc["date"] == "2026-01-01"
    soup = page(fixture_site, "events/good-event")
    meta = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})}
    assert meta["citation_title"] == TITLE
    assert meta["citation_publication_date"] == "2026/01/01"
    assert meta["citation_publisher"] == "Social Credit Tracker"
    assert meta["citation_public_url"] == URL
    assert soup.find("link", rel="canonical")["href"] == URL


def test_the_home_page_describes_the_dataset(fixture_site: Path) -> None:
    html = (fixture_site / "index.html").read_text(encoding="utf-8")
    (dataset,) = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    assert dataset["@type"] == "Dataset" and dataset["version"] == "2026.02.01"
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert any(d["contentUrl"].endswith(".zip") for d in dataset["distribution"])


def test_listing_pages_let_a_reference_manager_pick_several_entries(fixture_site: Path) -> None:
    spans = page(fixture_site, "events").select("span.Z3988")
    assert len(spans) == 2
    assert any("rft.identifier=" + URL.replace(":", "%3A").replace("/", "%2F") in s["title"] for s in spans)
    assert len(page(fixture_site, "sources").select("span.Z3988")) == 3


def test_every_source_and_value_has_a_stable_anchor(fixture_site: Path) -> None:
    soup = page(fixture_site, "figures/good-figure")
    assert soup.find(id="value-2014-08-03") and soup.find(id="value-2018-12")
    assert page(fixture_site, "events/good-event").find(id="src-good-source")


def test_the_bibliography_downloads_parse(fixture_site: Path) -> None:
    downloads = fixture_site / "downloads"
    library = bibtexparser.parse_string((downloads / "sources.bib").read_text(encoding="utf-8"))
    assert sorted(e.key for e in library.entries) == ["good-report", "good-source", "good-translation"]
    zh = next(e for e in library.entries if e.key == "good-source")
    assert "最高人民法院" in zh["title"] and "Several provisions" in zh["title"]
    records = rispy.loads((downloads / "sources.ris").read_text(encoding="utf-8"))
    assert [r["title"] for r in records] == [
        "A report about the list",
        "最高人民法院关于公布失信被执行人名单信息的若干规定",
        "Planning Outline for the Construction of a Social Credit System (2014-2020)",
    ]
    rendered = render_csl(json.loads((downloads / "sources-csl.json").read_text(encoding="utf-8")))
    assert len(rendered) == 3


def test_downloads_hold_the_whole_dataset_with_a_readme(fixture_site: Path) -> None:
    downloads = fixture_site / "downloads"
    events = json.loads((downloads / "events.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in events] == ["good-event", "good-later-event"]
    rows = list(csv.DictReader(io.StringIO((downloads / "figure-values.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["figure"], r["as_of"], r["value"], r["source"]) for r in rows] == [
        ("good-figure", "2014-08-03", "108000", "good-source"),
        ("good-figure", "2018-12", "17460000", "good-report"),
    ]
    with zipfile.ZipFile(downloads / "social-credit-tracker-data-2026.02.01.zip") as zf:
        names = zf.namelist()
        assert "social-credit-tracker-data-2026.02.01/README.txt" in names
        assert "social-credit-tracker-data-2026.02.01/schema/event.schema.json" in names
        readme = zf.read("social-credit-tracker-data-2026.02.01/README.txt").decode("utf-8")
        assert "CC BY 4.0" in readme and "How to cite" in readme and "figure-values.csv" in readme
    assert "Downloads" in page(fixture_site, "downloads").get_text()


def test_the_feed_lists_added_and_corrected_entries_newest_first(fixture_site: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(fixture_site / "feed.xml").getroot()
    updated = [e.findtext("a:updated", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert updated == sorted(updated, reverse=True) and len(updated) == 8
    assert feed.find("a:entry/a:title", ns).text == "Corrected: False: Everyone has a national score"
    assert feed.find("a:entry/a:link", ns).get("href").startswith("https://social-credit-tracker.github.io/")


def test_a_renamed_entry_old_address_leads_to_the_new_page(fixture_site: Path) -> None:
    old = page(fixture_site, "events/old-good-event")
    refresh = old.find("meta", attrs={"http-equiv": "refresh"})["content"]
    target = (fixture_site / "events" / "old-good-event" / refresh.split("url=")[1]).resolve()
    assert target == (fixture_site / "events" / "good-event").resolve()
    assert (target / "index.html").exists()
    assert old.find("link", rel="canonical")["href"] == URL


def test_a_withdrawn_entry_leaves_a_tombstone(fixture_site: Path) -> None:
    text = page(fixture_site, "events/withdrawn-event").get_text()
    assert "This entry was withdrawn" in text and "different city" in text


def test_each_entry_links_to_a_prefilled_correction_issue(fixture_site: Path) -> None:
    link = page(fixture_site, "events/good-event").select_one(".report-correction a")["href"]
    assert link.startswith("https://github.com/social-credit-tracker/social-credit-tracker/issues/new?")
    assert "template=correction.yml" in link and "entry=events%2Fgood-event" in link


def test_the_dataset_version_is_on_every_page(fixture_site: Path) -> None:
    for rel in ("", "timeline", "events/good-event", "about"):
        assert "Dataset version 2026.02.01" in page(fixture_site, rel).select_one(".md-footer").get_text(" ", strip=True)


def test_the_changelog_lists_each_version(fixture_site: Path) -> None:
    text = page(fixture_site, "changelog").select_one("article").get_text(" ", strip=True)
    newer, older = text.split("2026.01.01 ¶")
    assert "Added: 0 events, 0 figures, 0 claims, 0 sources." in newer
    assert "Corrected: False: Everyone has a national score : The verdict's explanation now names the list it refers to." in newer
    assert "old-good-event (renamed)" in newer and "withdrawn-event (withdrawn)" in newer
    assert "Added: 2 events, 1 figure, 1 claim, 3 sources." in older
