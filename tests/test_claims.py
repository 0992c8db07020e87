"""Claims as fact-checks: the verdict travels with the claim (title, description, link previews,
share card, ClaimReview), one written rubric decides it, and the claims index groups by verdict
and by who made the claim."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from PIL import Image
from rdflib import RDF, Graph, Namespace, URIRef

from scripts.tracker import cards

from .conftest import ROOT, page

DATA = ROOT / "data"
SCHEMA = Namespace("https://schema.org/")
VERDICTS = yaml.safe_load((DATA / "vocab" / "verdicts.yaml").read_text(encoding="utf-8"))
KINDS = yaml.safe_load((DATA / "vocab" / "claimant-kinds.yaml").read_text(encoding="utf-8"))


def claims() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((DATA / "claims").glob("*.yaml"))]


def meta(soup, **attrs: str) -> str:
    tag = soup.find("meta", attrs=attrs)
    assert tag is not None, attrs
    return tag["content"]


def local_path(site: Path, url: str) -> Path:
    assert url.startswith("https://social-credit-tracker.github.io/"), url
    return site / url.removeprefix("https://social-credit-tracker.github.io/")


def claim_review_graph(soup) -> tuple[Graph, dict]:
    """The page's JSON-LD, read as RDF with the schema.org vocabulary (given locally: no fetch)."""
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@context"] == "https://schema.org"
    data["@context"] = {"@vocab": "https://schema.org/"}
    graph = Graph()
    graph.parse(data=json.dumps(data), format="json-ld")
    return graph, data


@pytest.mark.parametrize("claim", claims(), ids=lambda c: c["id"])
def test_the_verdict_travels_with_every_claim(site: Path, claim: dict) -> None:
    word = VERDICTS[claim["verdict"]]["name"]
    soup = page(site, f"claims/{claim['id']}")
    assert soup.title.string.startswith(f"{word}: {claim['title']}")
    assert soup.select_one("article h1").get_text() == f"{word}: {claim['title']}"  # search results are titled by it
    assert meta(soup, name="description") == f"{word}: {claim['verdict_reason']}"
    assert meta(soup, property="og:title") == f"{word}: {claim['title']}"
    assert meta(soup, property="og:description").startswith(f"{word}: ")
    assert meta(soup, name="twitter:card") == "summary_large_image"
    card = local_path(site, meta(soup, property="og:image"))
    assert card.name == f"{claim['id']}.png"
    with Image.open(card) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    badge = soup.select_one(".verdict-box .verdict-badge")
    assert badge.get_text(" ", strip=True).endswith(word)
    assert badge.select_one(".verdict-icon[aria-hidden=true]") is not None
    assert soup.select_one(".verdict-box .verdict-reason").get_text() == claim["verdict_reason"]
    assert meta(soup, name="citation_title") == f"{word}: {claim['title']}"


@pytest.mark.parametrize("claim", claims(), ids=lambda c: c["id"])
def test_claim_review_parses_as_json_ld_with_googles_required_fields(site: Path, claim: dict) -> None:
    graph, data = claim_review_graph(page(site, f"claims/{claim['id']}"))
    reviews = list(graph.subjects(RDF.type, SCHEMA.ClaimReview))
    assert len(reviews) == 1
    review = reviews[0]
    # Google's required ClaimReview properties: claimReviewed, reviewRating (with alternateName),
    # url, author (with a name); and the claim reviewed, with who made it.
    assert str(graph.value(review, SCHEMA.claimReviewed)) == claim["claim"]
    assert str(graph.value(review, SCHEMA.url)) == f"https://social-credit-tracker.github.io/claims/{claim['id']}/"
    assert str(graph.value(graph.value(review, SCHEMA.author), SCHEMA.name)) == "Social Credit Tracker"
    rating = graph.value(review, SCHEMA.reviewRating)
    assert str(graph.value(rating, SCHEMA.alternateName)) == VERDICTS[claim["verdict"]]["name"]
    best, worst, value = (int(graph.value(rating, p)) for p in (SCHEMA.bestRating, SCHEMA.worstRating, SCHEMA.ratingValue))
    assert worst <= value <= best == len(VERDICTS)
    item = graph.value(review, SCHEMA.itemReviewed)
    assert (item, RDF.type, SCHEMA.Claim) in graph
    assert str(graph.value(graph.value(item, SCHEMA.author), SCHEMA.name)) == claim["claimant"]["name"]
    if claim.get("seen_in"):
        assert graph.value(item, SCHEMA.firstAppearance) is not None
        assert len(list(graph.objects(item, SCHEMA.appearance))) == len(claim["seen_in"])
    assert str(graph.value(review, SCHEMA.datePublished)) == claim["added"]
    for predicate in set(graph.predicates()):
        assert predicate == RDF.type or str(predicate).startswith("https://schema.org/"), predicate
    assert isinstance(review, URIRef) or data["@type"] == "ClaimReview"


def test_ratings_follow_the_order_of_the_verdicts(site: Path) -> None:
    seen = {}
    for claim in claims():
        _graph, data = claim_review_graph(page(site, f"claims/{claim['id']}"))
        seen[claim["verdict"]] = data["reviewRating"]["ratingValue"]
    order = [v for v in VERDICTS if v in seen]
    assert [seen[v] for v in order] == sorted(seen.values(), reverse=True)
    assert seen.get("supported", len(VERDICTS)) == len(VERDICTS) and seen.get("false", 1) == 1


@pytest.mark.parametrize(
    ("rel", "image"),
    [
        ("", "downloads/cards/site.png"),
        ("methodology", "downloads/cards/site.png"),
        ("claims", "downloads/cards/site.png"),
        ("events/spc-blacklist-launch-2013", "downloads/cards/site.png"),
        ("figures/spc-new-debtor-listings-per-year", "downloads/charts/spc-new-debtor-listings-per-year.png"),
        ("sources/chinadaily-2016-credibility-system-execution-court-decisions", "downloads/cards/site.png"),
    ],
)
def test_every_page_has_a_link_preview(site: Path, rel: str, image: str) -> None:
    soup = page(site, rel) if rel else page(site, ".")
    assert meta(soup, property="og:title")
    assert meta(soup, property="og:type") in ("article", "website")
    assert meta(soup, property="og:url").startswith("https://social-credit-tracker.github.io/")
    assert meta(soup, property="og:image") == f"https://social-credit-tracker.github.io/{image}"
    assert local_path(site, meta(soup, property="og:image")).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert meta(soup, name="twitter:card") == "summary_large_image"


def test_share_cards_are_byte_identical_across_builds(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A card drawn afresh (no cache) equals the one in the built site, and drawing is repeatable."""
    claim = yaml.safe_load((DATA / "claims" / "citizens-start-with-800-points.yaml").read_text(encoding="utf-8"))
    monkeypatch.setattr(cards, "CACHE_DIR", None)
    args = (
        "Social Credit Tracker",
        "social-credit-tracker.github.io",
        claim["verdict"],
        "False",
        claim["title"],
        claim["verdict_reason"],
        claim["id"],
    )
    first, second = cards.claim_card(*args), cards.claim_card(*args)
    assert first == second == (site / "downloads" / "cards" / f"{claim['id']}.png").read_bytes()
    monkeypatch.setattr(cards, "CACHE_DIR", tmp_path)
    assert cards.claim_card(*args) == first  # drawn into the cache
    assert cards.claim_card(*args) == first  # read back from it
    with Image.open(io.BytesIO(first)) as image:
        assert image.size == (1200, 630)


def test_the_rubric_has_a_section_for_every_verdict_with_a_worked_example(site: Path) -> None:
    soup = page(site, "methodology")
    for key, verdict in VERDICTS.items():
        heading = soup.find(id=f"verdict-{key}")
        assert heading is not None, key
        assert verdict["name"] in heading.get_text()
        rubric = heading.find_next("dl", class_="rubric")
        terms = [dt.get_text() for dt in rubric.find_all("dt")]
        assert terms == ["Decision rule", "Evidence it needs", "Scope, exaggeration, unit, period, place", "Worked example"], key
        example = yaml.safe_load((DATA / "claims" / f"{verdict['example']}.yaml").read_text(encoding="utf-8"))
        assert example["verdict"] == key, f"the worked example for {key} is rated {example['verdict']}"
        link = rubric.find_all("dd")[-1].find("a")
        assert link["href"] == f"../claims/{verdict['example']}/"


def test_the_claims_index_groups_by_verdict_and_by_claimant_with_counts(site: Path) -> None:
    soup = page(site, "claims")
    all_claims = claims()
    assert not soup.select("article script")
    for key, verdict in VERDICTS.items():
        ids = {c["id"] for c in all_claims if c["verdict"] == key}
        heading = soup.find(id=f"verdict-{key}")
        if not ids:
            assert heading is None
            continue
        assert heading.get_text().startswith(f"{verdict['name']} ({len(ids)})")
        listed = {a["href"].strip("./").split("/")[-1] for a in heading.find_next("ul").find_all("a")}
        assert listed == ids
    total = 0
    for key, kind in KINDS.items():
        ids = {c["id"] for c in all_claims if c["claimant"]["kind"] == key}
        heading = soup.find(id=f"made-by-{key}")
        if ids:
            assert heading.get_text().startswith(f"{kind['name']} ({len(ids)})")
            total += len(ids)
        else:
            assert heading is None
    assert total == len(all_claims)
    assert soup.select_one("table tbody tr:last-child td:last-child").get_text() == str(len(all_claims))


def test_the_evidence_status_is_quieter_and_explains_itself(site: Path) -> None:
    soup = page(site, "claims/citizens-start-with-800-points")
    status = soup.select_one(".verdict-box .evidence-status")
    link = status.select_one("a.status-quiet")
    tip = status.select_one(".evidence-tip[role=tooltip]")
    assert link["aria-describedby"] == tip["id"]
    assert tip.get_text().startswith("Reported by at least two independent")
    assert "verdict-badge" not in " ".join(link.get("class", []))
