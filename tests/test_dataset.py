"""The dataset's promises to readers: its size cannot silently shrink, and the founding
article's claims each have an entry with a verdict and evidence."""

from __future__ import annotations

import yaml

from scripts.tracker.dataset import load_dataset

from .conftest import ROOT

DATA = ROOT / "data"
# The widely shared article the tracker was started to answer: one claim entry per claim.
FOUNDING_CLAIMS = [
    "tens-of-millions-punished-score-downgraded",
    "200-million-cameras-1-4-billion-rated",
    "jaywalker-loses-points-on-the-spot",
    "trialled-across-china-since-2014",
    "citizens-start-with-800-points",
    "points-deducted-dog-without-leash",
    "camera-data-joined-with-records-real-time-ai",
    "good-deeds-raise-score-shorter-hospital-queues",
    "ap-17-5m-flights-5-5m-trains-last-year",
    "national-system-by-2020",
    "sanctions-travel-business-education",
    "slogan-lose-trust-restricted-everywhere",
    "companies-scored-blacklisted-lose-contracts-loans",
    "offences-advertising-drugs-290000-barred",
    "employers-brainwave-helmets",
    "golden-shield-mass-surveillance-2000",
    "xinjiang-forced-blood-samples-dna",
    "xinjiang-up-to-1-million-in-camps",
    "sesame-credit-part-of-state-system",
]


def entries(kind: str) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((DATA / kind).glob("*.yaml"))]


def test_the_dataset_keeps_its_promised_size() -> None:
    events, figures, claims, sources = (entries(k) for k in ("events", "figures", "claims", "sources"))
    assert len(events) >= 60
    assert len(figures) >= 8
    assert sum(len(f["values"]) for f in figures) >= 30
    assert len(claims) >= 19
    assert len(sources) >= 100
    years = {int(e["date"].split()[-1][:4]) for e in events}
    assert min(years) <= 2000 and max(years) >= 2025


def test_every_founding_claim_has_a_verdict_and_evidence() -> None:
    verdicts = set(yaml.safe_load((DATA / "vocab" / "verdicts.yaml").read_text(encoding="utf-8")))
    for claim_id in FOUNDING_CLAIMS:
        path = DATA / "claims" / f"{claim_id}.yaml"
        assert path.exists(), claim_id
        claim = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert claim["verdict"] in verdicts
        assert claim["sources"], claim_id
        assert "[@" in claim["summary"], f"{claim_id}: the explanation cites no evidence in the text"


def test_chinese_sources_keep_their_chinese_title_with_a_translation() -> None:
    for source in entries("sources"):
        if source["language"] == "zh":
            assert source.get("title_en"), source["id"]


def test_figures_count_one_thing_each() -> None:
    for figure in entries("figures"):
        wanted = "period" if figure["counting"] == "per-period" else "as_of"
        assert all(wanted in v for v in figure["values"]), figure["id"]
        assert figure.get("caveats"), f"{figure['id']}: a figure series must say how to read it"


def test_every_published_entry_is_in_the_register() -> None:
    register = {f"{kind}/{entry_id}" for kind, entry_id, _path, _line in load_dataset(DATA).published}
    for kind in ("events", "figures", "claims", "sources"):
        for path in sorted((DATA / kind).glob("*.yaml")):
            assert f"{kind}/{path.stem}" in register, f"run: make register ({kind}/{path.stem})"


def test_known_gaps_are_recorded_and_each_figure_says_how_recent_it_is(site) -> None:
    """Readers see what is not known: at least eight gaps, each on the Known gaps page with what
    was sought, why and how; and every figure page names the date of its latest value."""
    from .conftest import page

    gaps = yaml.safe_load((DATA / "gaps.yaml").read_text(encoding="utf-8"))
    assert len(gaps) >= 8
    listing = page(site, "gaps")
    for key, gap in gaps.items():
        heading = listing.find(id=key)
        assert heading and gap["title"] in heading.get_text(), key
        text = heading.find_next("dl").get_text()  # no separator: Chinese runs are spans of their own
        assert gap["sought"] in text and gap["why"] in text and "Searched" in text, key
    for figure in entries("figures"):
        meta = page(site, f"figures/{figure['id']}").select_one("dl.entry-meta").get_text(" ")
        last = figure["values"][-1]
        assert "Latest value" in meta, figure["id"]
        assert (last.get("as_of") or last["period"])[:4] in meta.split("Latest value", 1)[1], figure["id"]
    air = page(site, "figures/spc-air-ticket-purchases-blocked-cumulative")
    notice = air.select_one(".admonition.info")
    assert notice and notice.find("a", href="../../gaps/#travel-blocks-after-2019")
