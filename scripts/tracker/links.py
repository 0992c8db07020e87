"""`links`: ask every source address and archive address whether it still answers.

For the weekly job only (sites throttle and flake, so this never gates a pull request, and the
build never touches the network). Bounded: one request per address, a timeout, a few at once.
Prints a Markdown report of the dead ones.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from .dataset import Dataset

TIMEOUT = 15
WORKERS = 6
AGENT = "SocialCreditTracker-linkcheck/1 (+https://github.com/social-credit-tracker/social-credit-tracker)"


def status_of(url: str) -> str:
    """'ok', or a short reason the address failed."""
    request = urllib.request.Request(url, method="GET", headers={"User-Agent": AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return "ok" if response.status < 400 else f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return type(getattr(exc, "reason", exc)).__name__


def dead_links(data: Dataset) -> list[tuple[str, str, str, str]]:
    """(source id, field, url, reason) for each address that did not answer with success."""
    targets = [
        (source_id, field, doc.data[field])
        for source_id, doc in sorted(data.docs["sources"].items())
        for field in ("url", "archive_url")
        if field in doc.data
    ]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda t: status_of(t[2]), targets))
    return [(sid, field, url, reason) for (sid, field, url), reason in zip(targets, results, strict=True) if reason != "ok"]


def report(dead: list[tuple[str, str, str, str]], checked: int) -> str:
    lines = [f"## Link check: {len(dead)} of {checked} addresses did not answer", ""]
    if dead:
        lines += ["| Source | Field | Address | Result |", "|---|---|---|---|"]
        lines += [f"| `{sid}` | {field} | {url} | {reason} |" for sid, field, url, reason in dead]
        lines += ["", "A dead `url` with a working `archive_url` needs no action; otherwise add an archived copy."]
    return "\n".join(lines) + "\n"
