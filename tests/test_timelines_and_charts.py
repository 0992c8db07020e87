"""Timelines and charts as readers see them, on the real data and on the fixtures."""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from pathlib import Path

import yaml

from scripts.tracker import dates
from scripts.tracker.charts import _layout_and_marks, plotted_day
from scripts.tracker.generate import generate_pages
from scripts.tracker.model import Entry
from scripts.tracker.pages import number

from .conftest import ROOT, page

DATA = ROOT / "data"


@cache
def events() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((DATA / "events").glob("*.yaml"))}


@cache
def places() -> dict[str, dict]:
    return yaml.safe_load((DATA / "vocab" / "places.yaml").read_text(encoding="utf-8"))


def in_place(event: dict, key: str) -> bool:
    here = event["place"]
    while here:
        if here == key:
            return True
        here = places()[here].get("parent")
    return False


def listed(site: Path, rel: str) -> list[str]:
    return [li["id"] for li in page(site, rel).select("ol.timeline > li")]


def test_year_pages_together_hold_every_event_once_in_order(site: Path) -> None:
    all_events = events()
    ids = []
    for year in sorted({dates.parse(e["date"]).year for e in all_events.values()}):
        on_page = listed(site, f"timeline/{year}")
        assert all(dates.parse(all_events[i]["date"]).year == year for i in on_page)
        ids += on_page
    assert sorted(ids) == sorted(all_events)
    keys = [(dates.parse(all_events[i]["date"]).sort_key, i) for i in ids]
    assert keys == sorted(keys)


def test_each_theme_page_holds_exactly_its_events(site: Path) -> None:
    categories = yaml.safe_load((DATA / "vocab" / "categories.yaml").read_text(encoding="utf-8"))
    for key in categories:
        expected = sorted(i for i, e in events().items() if key in e["categories"])
        if expected:
            assert sorted(listed(site, f"timeline/themes/{key}")) == expected, key


def test_each_place_page_holds_exactly_its_events_and_those_within_it(site: Path) -> None:
    for key in places():
        expected = sorted(i for i, e in events().items() if in_place(e, key))
        if expected:
            assert sorted(listed(site, f"timeline/places/{key}")) == expected, key
        else:
            assert not (site / "timeline" / "places" / key).exists()


def test_timeline_items_carry_what_the_filter_needs(site: Path) -> None:
    soup = page(site, "timeline")
    assert soup.select_one(".timeline-filter[data-labels]")
    assert soup.find("script", src=re.compile(r"assets/js/timeline-filter\.js$"))
    for li in soup.select("ol.timeline > li"):
        event = events()[li["id"]]
        assert li["data-categories"].split() == event["categories"]
        assert li["data-places"].split()[0] == event["place"]
        assert li["data-status"] == event["status"]
        n = len(event["sources"])
        assert f"{n} source{'s' if n != 1 else ''}" in li.get_text()


def test_event_pages_show_their_neighbours_in_time(site: Path) -> None:
    ordered = listed(site, "timeline")
    middle = ordered[len(ordered) // 2]
    soup = page(site, f"events/{middle}")
    section = soup.find(id="in-time").find_next("ul")
    links = [a["href"] for a in section.find_all("a")]
    i = ordered.index(middle)
    assert f"../{ordered[i - 1]}/" in links and f"../{ordered[i + 1]}/" in links


def test_each_figure_page_has_an_accessible_chart_and_a_table_equal_to_the_data(site: Path) -> None:
    for path in sorted((DATA / "figures").glob("*.yaml")):
        figure = yaml.safe_load(path.read_text(encoding="utf-8"))
        soup = page(site, f"figures/{figure['id']}")
        svg = soup.select_one("figure.chart-figure svg")
        assert svg and svg["role"] == "group" and svg["aria-labelledby"] == f"chart-{figure['id']}-title"
        assert svg.find("title").get_text() == figure["title"]
        assert (
            svg.find("desc")
            .get_text()
            .startswith({"cumulative": "Line chart", "snapshot": "Line chart", "per-period": "Bar chart"}[figure["counting"]])
        )
        cells = [row.find_all("td")[1].get_text(strip=True) for row in soup.select("#values ~ table tbody tr")]
        expected = [f"{v['qualifier']} {number(v['value'])}" if v.get("qualifier") else number(v["value"]) for v in figure["values"]]
        assert cells == expected, figure["id"]
        for caveat in figure.get("caveats", [])[:1]:
            assert soup.select_one(".admonition.warning") and caveat[:30] in soup.select_one(".admonition.warning").get_text()


def test_charts_are_byte_identical_from_build_to_build(tmp_path: Path, real_clock: None) -> None:
    outputs = []
    for n in (1, 2):
        docs = tmp_path / f"docs{n}"
        # separate build folders, so separate chart caches: both runs really draw the charts
        generate_pages(DATA, docs, tmp_path / f"build{n}" / "snippets", ROOT / "mkdocs.yml")
        assert list((tmp_path / f"build{n}" / "cache" / "charts").iterdir())
        outputs.append({p.name: p.read_bytes() for p in sorted((docs / "downloads" / "charts").iterdir())})
        outputs[-1]["inline"] = b"".join(p.read_bytes() for p in sorted((docs / "figures").glob("*.md")))
        # the share cards too, each drawn afresh into its own cache
        assert list((tmp_path / f"build{n}" / "cache" / "cards").iterdir())
        outputs[-1] |= {f"card-{p.name}": p.read_bytes() for p in sorted((docs / "downloads" / "cards").iterdir())}
    assert outputs[0] == outputs[1]
    assert "card-site.png" in outputs[0] and "card-citizens-start-with-800-points.png" in outputs[0]
    assert any(name.endswith(".svg") for name in outputs[0]) and any(name.endswith(".png") for name in outputs[0])


def test_figures_overview_has_a_small_chart_per_series(site: Path) -> None:
    soup = page(site, "figures")
    assert len(soup.select(".figure-card svg[role=img]")) == len(list((DATA / "figures").glob("*.yaml")))


def test_home_page_leads_with_the_chosen_numbers_and_names_only_first_or_second_tier_sources(site: Path) -> None:
    soup = page(site, "")
    chosen = yaml.safe_load((DATA / "key-numbers.yaml").read_text(encoding="utf-8"))["numbers"]
    kinds = yaml.safe_load((DATA / "vocab" / "source-kinds.yaml").read_text(encoding="utf-8"))
    items = soup.find("h2", id="the-record-in-numbers").find_next("ul").find_all("li", recursive=False)
    assert [li.find("a", href=re.compile(r"#values$"))["href"] for li in items] == [f"figures/{n['figure']}/#values" for n in chosen]
    assert "17,460,000" in items[0].get_text() and "17.5 million" in items[0].get_text()  # the number the site exists to explain comes first
    for li, key in zip(items, chosen, strict=True):
        figure = yaml.safe_load((DATA / "figures" / f"{key['figure']}.yaml").read_text(encoding="utf-8"))
        value = next(v for v in figure["values"] if (v.get("as_of") or v.get("period")) == key["value"])
        source = yaml.safe_load((DATA / "sources" / f"{value['source']['source']}.yaml").read_text(encoding="utf-8"))
        level = 4 if source.get("repost_of") else kinds[source["kind"]]["tier"]
        assert key["explanation"] in " ".join(li.get_text().split())
        named = li.find("a", href=f"figures/{key['figure']}/#src-{source['id']}")
        assert (named is not None) == (level <= 2), key
        assert source["publisher"] not in li.get_text() or level <= 2 or source["publisher"] in figure["issuer"]


def test_home_page_links_the_newest_entries_and_latest_corrections(site: Path) -> None:
    soup = page(site, "")
    new = soup.find("h2", id="what-is-new")
    lists = new.find_all_next("ul", limit=2)
    assert len(lists[0].find_all("li")) == 6 and all(a["href"].startswith(("events/", "figures/", "claims/")) for a in lists[0].find_all("a"))
    fixes = lists[1].find_all("li")
    assert len(fixes) == 6 and all(li.find("a")["href"].endswith("/#corrections") for li in fixes)
    dates = [li.get_text()[:10] for li in fixes]
    assert dates == sorted(dates, reverse=True)


def test_each_chart_has_a_csv_of_its_series_that_matches_the_table(site: Path) -> None:
    for path in sorted((DATA / "figures").glob("*.yaml")):
        figure = yaml.safe_load(path.read_text(encoding="utf-8"))
        soup = page(site, f"figures/{figure['id']}")
        link = soup.find("a", string="CSV")
        assert link and link["href"] == f"../../downloads/charts/{figure['id']}.csv"
        text = (site / "downloads" / "charts" / f"{figure['id']}.csv").read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        table = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in soup.select("#values ~ table tbody tr")]
        assert [r["date_label"] for r in rows] == [t[0] for t in table], figure["id"]
        shown = [f"{r['qualifier']} {number(float(r['value']))}".strip() for r in rows]
        assert shown == [t[1] for t in table], figure["id"]
        assert [f"[{r['source_number']}]" for r in rows] == [t[2].split(",")[0] for t in table]
        assert [r["note"] for r in rows] == [v.get("note", "") for v in figure["values"]]


def test_a_value_dated_to_a_year_is_drawn_mid_year_and_joined_to_its_neighbours() -> None:
    data = yaml.safe_load((DATA / "figures" / "china-surveillance-camera-totals-press-estimates.yaml").read_text(encoding="utf-8"))
    assert [v["as_of"] for v in data["values"]] == ["2017-12", "2018-07", "2019"]
    assert str(plotted_day({"as_of": "2019", "value": 1})) == "2019-07-02"
    shapes, marks = _layout_and_marks(Entry("figures", data["id"], data))
    lines = [s for s in shapes if s.kind == "polyline"]
    assert len(lines) == 1 and len(lines[0].points) == 3  # one joined line, no lone dot
    ticks = {s.text: s.points[0][0] for s in shapes if s.kind == "text" and s.text in ("2019", "2020")}
    assert ticks["2019"] < marks[-1].x < ticks["2020"]  # inside 2019, not at the 2020 tick
    assert marks[-1].label == "as of 2019: 200,000,000 cameras (source [3])"


def test_the_figures_index_lists_official_statistics_apart_from_estimates(site: Path) -> None:
    soup = page(site, "figures")
    origins = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")).get("origin") for p in (DATA / "figures").glob("*.yaml")}
    for anchor, origin in (("official-statistics", "official-statistics"), ("estimate", "estimate")):
        grid = soup.find("h2", id=anchor).find_next_sibling("div", class_="figure-grid")
        assert {h3["id"] for h3 in grid.find_all("h3")} == {k for k, v in origins.items() if v == origin}
    assert origins["ihs-markit-china-surveillance-camera-estimates"] == "estimate"
    assert origins["spc-air-ticket-purchases-blocked-cumulative"] == "official-statistics"
