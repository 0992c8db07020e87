"""Source tiers, title notes and official documents as readers and reference managers meet them,
on the fixture site: good-translation is a full-text translation (tier 2) of a State Council
notice, with a title_note and a document; good-report is a repost (tier 4); good-source a court (tier 1)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
import jsonschema
import rispy

from scripts.tracker.cite import finish

from .conftest import page
from .test_consumers import csl_schema, render

NUMBER = "国发〔2014〕21号"
TITLE_ZH = "国务院关于印发社会信用体系建设规划纲要（2014—2020年）的通知"
TITLE = "Planning Outline for the Construction of a Social Credit System (2014-2020)"
NOTE = "The copy is headed only with the translator's series name"


def meta_rows(soup) -> dict[str, object]:
    dl = soup.select_one("dl.entry-meta")
    return {dt.get_text(strip=True): dd for dt, dd in zip(dl.find_all("dt"), dl.find_all("dd"), strict=True)}


def cite_box(soup) -> dict[str, str]:
    box = soup.select_one(".cite-box")
    labels = [x.get_text(strip=True) for x in box.select(".tabbed-labels label")]
    return dict(zip(labels, [c.get_text() for c in box.select("pre code")], strict=True))


def test_a_source_page_names_its_tier_and_links_to_the_definition(fixture_site: Path) -> None:
    for rel, text in (
        ("sources/good-translation", "Tier 2 · full-text translation"),
        ("sources/good-source", "Tier 1 · issuing body"),
        ("sources/good-report", "Tier 4 · repost, aggregator or blog"),  # an outlet's site, but a repost
    ):
        tier = meta_rows(page(fixture_site, rel))["Tier"].find("a")
        assert tier.get_text() == text, rel
        assert tier["href"] == "../../methodology/#source-tiers"
    methodology = page(fixture_site, "methodology")
    assert methodology.find(id="source-tiers").get_text(strip=True).startswith("Source tiers")
    assert "Full-text translation (tier 2)" in [dt.get_text(" ", strip=True) for dt in methodology.select("dl.vocab-source-kinds dt")]


def test_reference_lists_show_each_sources_tier(fixture_site: Path) -> None:
    soup = page(fixture_site, "claims/good-claim")
    tiers = {li["id"]: li.select_one("a.source-tier").get_text() for li in soup.select("ol.sources > li")}
    assert tiers == {"src-good-source": "Tier 1", "src-good-translation": "Tier 2", "seen-good-report": "Tier 4"}
    later = page(fixture_site, "events/good-later-event")
    assert "Reposts only" in later.select_one(".admonition.warning").get_text()
    assert "Reposts only" not in page(fixture_site, "events/good-event").get_text()


def test_the_title_note_is_shown_apart_and_never_cited(fixture_site: Path) -> None:
    soup = page(fixture_site, "sources/good-translation")
    assert soup.select_one("h1").get_text(strip=True) == TITLE
    assert soup.select_one("p.title-note").get_text() == f"No headline on the copy: {NOTE}"
    html = (fixture_site / "sources" / "good-translation" / "index.html").read_text(encoding="utf-8")
    assert html.count("headed only with the translator") == 1  # not in the head's meta tags or JSON-LD
    assert "translator" not in soup.select_one(".cite-box").get_text()
    for name in ("sources.bib", "sources-biblatex.bib", "sources.ris", "sources-csl.json"):
        assert "translator's series" not in (fixture_site / "downloads" / name).read_text(encoding="utf-8"), name


def test_a_source_page_names_the_official_document(fixture_site: Path) -> None:
    rows = meta_rows(page(fixture_site, "sources/good-translation"))
    assert rows["Document title"].find("span", lang="zh").get_text() == TITLE_ZH
    assert rows["Document number (文号)"].get_text() == NUMBER
    assert rows["Issuing bodies"].get_text() == "国务院 (State Council)"
    assert rows["Issued"].find("time")["datetime"] == "2014-06-14"


def test_citations_carry_the_document_number_and_issuer(fixture_site: Path) -> None:
    formats = cite_box(page(fixture_site, "sources/good-translation"))
    assert f"  number = {{{NUMBER}}},\n" in formats["BibTeX"]
    assert f"note = {{Original title: {TITLE_ZH}. Issued by 国务院 (State Council), 14 June 2014. Accessed 1 January 2026}}" in formats["BibTeX"]
    assert f"M1  - {NUMBER}\n" in formats["RIS"]
    assert f"N1  - Original title: {TITLE_ZH}. Issued by 国务院 (State Council), 14 June 2014\n" in formats["RIS"]
    (item,) = json.loads(formats["CSL-JSON"])
    jsonschema.validate([item], csl_schema())
    assert item["number"] == NUMBER and item["authority"] == "国务院 (State Council)" and item["original-title"] == TITLE_ZH
    assert item["title"] == TITLE
    assert formats["MLA"] == finish("mla", item, " ".join(render("modern-language-association", item).split()))
    assert NUMBER in formats["MLA"] and NUMBER in formats["APA"]
    # the downloads, read by the reference managers' own parsers
    downloads = fixture_site / "downloads"
    for name in ("sources.bib", "sources-biblatex.bib"):
        library = bibtexparser.parse_string((downloads / name).read_text(encoding="utf-8"))
        entry = next(e for e in library.entries if e.key == "good-translation")
        assert entry["number"] == NUMBER, name
        assert "number" not in next(e for e in library.entries if e.key == "good-source").fields_dict, name
    record = next(r for r in rispy.loads((downloads / "sources.ris").read_text(encoding="utf-8")) if r["title"] == TITLE)
    assert record["note"] == NUMBER  # rispy's name for M1
    (csl,) = [i for i in json.loads((downloads / "sources-csl.json").read_text(encoding="utf-8")) if i["id"] == "good-translation"]
    assert csl == item


def test_the_downloads_carry_each_sources_tier(fixture_site: Path) -> None:
    downloads = fixture_site / "downloads"
    rows = list(csv.DictReader(io.StringIO((downloads / "sources.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["id"], r["tier"]) for r in rows] == [("good-report", "4"), ("good-source", "1"), ("good-translation", "2")]
    translation = rows[2]
    assert (translation["title_note"], translation["document_number"], translation["document_issuers"]) == (NOTE, NUMBER, "国务院 (State Council)")
    records = json.loads((downloads / "sources.json").read_text(encoding="utf-8"))
    assert [(s["id"], s["tier"]) for s in records] == [("good-report", 4), ("good-source", 1), ("good-translation", 2)]
    package = json.loads((downloads / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: r["schema"]["fields"] for r in package["resources"]}
    (tier,) = [f for f in fields["sources"] if f["name"] == "tier"]
    assert tier["type"] == "integer" and tier["constraints"]["enum"] == [1, 2, 3, 4]
    assert [f["name"] for f in fields["sources"]] == next(csv.reader(io.StringIO((downloads / "sources.csv").read_text(encoding="utf-8-sig"))))
    kinds = {r["id"]: r["tier"] for r in csv.DictReader(io.StringIO((downloads / "vocab" / "source-kinds.csv").read_text(encoding="utf-8-sig")))}
    assert kinds["translation"] == "2" and kinds["aggregator"] == "4" and kinds["court"] == "1"


def test_the_bibliography_lists_and_filters_by_tier(fixture_site: Path) -> None:
    soup = page(fixture_site, "sources")
    heads = [th.get_text(strip=True) for th in soup.select("article table thead th")]
    column = heads.index("Tier")
    assert [tr.find_all("td")[column].get_text() for tr in soup.select("article table tbody tr")] == ["Tier 4", "Tier 1", "Tier 2"]  # by id
    assert "Tier" in soup.select_one(".list-filter")["data-columns"].split()
