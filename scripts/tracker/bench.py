"""`bench`: does the tracker scale? Synthetic datasets of N entries (valid, made from the
schemas' rules, sized like the real data), timed through check, generation and a full build,
against the floor of MkDocs building N plain pages with the same theme; plus what a reader
downloads from the real site. Prints a table and writes it to BENCHMARK.md.

A benchmark, not a test: it prints figures and judges nothing.
"""

from __future__ import annotations

import datetime as dt
import gzip
import http.server
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from . import clock
from .canonical import canonical_text
from .generate import GENERATED_DIRS, GENERATED_FILES

ROOT = Path(__file__).resolve().parents[2]
MIX = {"sources": 0.69, "events": 0.25, "claims": 0.04, "figures": 0.02}  # as in the real data
CLAIMANT_KINDS = ("foreign-media", "chinese-government", "court", "state-media")  # keys of data/vocab/claimant-kinds.yaml
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1764201600"}


def _words(rng: random.Random, vocabulary: list[str], n: int) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(n))


def synthesise(n: int, out: Path, seed: int = 7) -> Path:
    """A valid dataset of n entries at out/data, deterministic for a seed."""
    rng = random.Random(seed)
    data = out / "data"
    shutil.copytree(ROOT / "data" / "schema", data / "schema")
    shutil.copytree(ROOT / "data" / "vocab", data / "vocab")
    (data / "vocab" / "glossary.yaml").write_text("{}\n", encoding="utf-8")
    for kind in MIX:
        (data / kind).mkdir()
    vocabulary = sorted(
        {w.strip(".,;:()\"'") for f in (ROOT / "data" / "events").glob("*.yaml") for w in f.read_text(encoding="utf-8").split()} - {""}
    )
    vocabulary = [w for w in vocabulary if w.isalpha()][:3000]
    places = sorted(yaml.safe_load((data / "vocab" / "places.yaml").read_text(encoding="utf-8")))
    categories = sorted(yaml.safe_load((data / "vocab" / "categories.yaml").read_text(encoding="utf-8")))
    counts = {kind: max(1, round(n * share)) for kind, share in MIX.items()}
    counts["sources"] = n - counts["events"] - counts["claims"] - counts["figures"]
    sources = [f"source-{i:05d}" for i in range(counts["sources"])]
    uncited = list(sources)
    rng.shuffle(uncited)

    def cite(k: int) -> list[dict]:
        picked = [uncited.pop() for _ in range(min(k, len(uncited)))]
        picked += rng.sample(sources, k - len(picked))
        return [{"source": s} for s in dict.fromkeys(picked)]

    def day(year_from: int = 1998, year_to: int = 2025) -> str:
        return (dt.date(year_from, 1, 1) + dt.timedelta(days=rng.randrange((dt.date(year_to, 12, 31) - dt.date(year_from, 1, 1)).days))).isoformat()

    def fmt(d: str) -> str:
        return rng.choice([d, d[:7], d[:4], f"about {d[:4]}"])

    record = {"added": "2026-11-27", "reviewed": "2026-11-27"}
    entries: list[tuple[str, dict]] = []
    for i in range(counts["events"]):
        cites = cite(rng.randint(2, 4))
        summary = _words(rng, vocabulary, 60) + f" [@{cites[0]['source']}]. " + _words(rng, vocabulary, 60) + "."
        entries.append(
            (
                "events",
                {
                    "id": f"event-{i:05d}",
                    "title": _words(rng, vocabulary, 10).capitalize(),
                    "date": fmt(day()),
                    "place": rng.choice(places),
                    "categories": rng.sample(categories, rng.randint(1, 3)),
                    "summary": summary,
                    "sources": cites,
                    "status": "corroborated",
                    **record,
                },
            )
        )
    for i in range(counts["claims"]):
        cites = cite(rng.randint(3, 6))
        summary = " ".join(_words(rng, vocabulary, 60) + f" [@{c['source']}]." for c in cites[:3])
        entries.append(
            (
                "claims",
                {
                    "id": f"claim-{i:05d}",
                    "title": _words(rng, vocabulary, 8).capitalize(),
                    "claim": _words(rng, vocabulary, 25) + ".",
                    "verdict": rng.choice(["supported", "misleading", "false"]),
                    "verdict_reason": "The synthetic evidence listed for this benchmark claim decides its verdict.",
                    "claimant": {"name": "Example Outlet", "kind": CLAIMANT_KINDS[i % len(CLAIMANT_KINDS)], "first_seen": "2019-01"},
                    "summary": summary,
                    "sources": cites,
                    "status": "corroborated",
                    **record,
                },
            )
        )
    for i in range(counts["figures"]):
        years = sorted(rng.sample(range(2010, 2026), 7))
        values = [{"as_of": f"{y}-12-31", "value": 1000 * (k + 1) * rng.randint(1, 9), "source": cite(1)[0]} for k, y in enumerate(years)]
        entries.append(
            (
                "figures",
                {
                    "id": f"figure-{i:05d}",
                    "title": _words(rng, vocabulary, 8).capitalize(),
                    "measure": _words(rng, vocabulary, 20) + ".",
                    "unit": "blocked purchases",
                    "counts": "times",
                    "counting": "cumulative",
                    "issuer": "Example Court",
                    "place": "china",
                    "categories": [rng.choice(categories)],
                    "summary": _words(rng, vocabulary, 80) + f" [@{values[0]['source']['source']}].",
                    "caveats": [_words(rng, vocabulary, 20) + "."],
                    "values": values,
                    "status": "official-record",
                    **record,
                },
            )
        )
    for source_id in sources:
        zh = rng.random() < 0.3
        source = {
            "id": source_id,
            "title": _words(rng, vocabulary, 9).capitalize(),
            "publisher": _words(rng, vocabulary, 2).title(),
            "date": day(),
            "url": f"https://news.example.org/{source_id}",
            "language": "zh" if zh else "en",
            "kind": rng.choice(["court", "state-media", "independent-media", "ngo"]),
            **record,
        }
        if zh:
            source["title_en"] = _words(rng, vocabulary, 9).capitalize()
        if rng.random() < 0.5:
            source["archive_url"] = f"https://web.archive.org/web/2020/https://news.example.org/{source_id}"
        entries.append(("sources", source))
    for kind, entry in entries:
        (data / kind / f"{entry['id']}.yaml").write_text(canonical_text(kind, entry, data / "schema"), encoding="utf-8")
    (data / "published-ids.txt").write_text(
        "".join(f"{k}/{e['id']}\n" for k, e in sorted(entries, key=lambda x: (x[0], x[1]["id"]))), encoding="utf-8"
    )
    (data / "changelog.yaml").write_text('versions:\n  - version: "2026.11.27"\n    date: "2026-11-27"\n', encoding="utf-8")
    (data / "retired.yaml").write_text("{}\n", encoding="utf-8")
    return data


def timed(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MiB of the command and its children, exit status)."""
    wrapper = "import resource,subprocess,sys; r=subprocess.run(sys.argv[1:]); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(r.returncode)"
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-c", wrapper, *command], cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    wall = time.monotonic() - start
    rss = int(result.stderr.strip().splitlines()[-1]) / 1024 if result.stderr.strip() else 0
    if result.returncode:
        print(result.stdout[-2000:], result.stderr[-2000:], file=sys.stderr)
    return wall, rss, result.returncode


def site_tree(root: Path, data: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(
        ROOT / "docs",
        root / "docs",
        ignore=shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES),
    )
    (root / "scripts").symlink_to(ROOT / "scripts")
    if data != root / "data":
        shutil.move(str(data), root / "data")
    return root


def floor_tree(root: Path, n: int, words: int = 300) -> Path:
    """MkDocs with the same theme building n plain pages of about the same length, out of the nav."""
    rng = random.Random(1)
    (root / "docs" / "entries").mkdir(parents=True)
    vocabulary = ["court", "list", "debtor", "credit", "record", "city", "policy", "report", "travel", "ticket", "system", "data"]
    (root / "docs" / "index.md").write_text("# Floor\n", encoding="utf-8")
    for i in range(n):
        (root / "docs" / "entries" / f"entry-{i:05d}.md").write_text(f"# Entry {i}\n\n" + _words(rng, vocabulary, words) + "\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Floor\nsite_url: https://example.org/\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        "nav:\n  - Home: index.md\nnot_in_nav: |\n  /entries/*\n",
        encoding="utf-8",
    )
    return root


def sizes(site: Path) -> dict[str, float]:
    def kb(path: Path) -> float:
        return path.stat().st_size / 1024

    events = sorted(site.glob("events/event-*/index.html"))
    timeline = max((kb(p) for p in site.glob("timeline/**/index.html")), default=0)
    return {
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1024 / 1024,
        # Pagefind's whole output folder (index, fragments, WebAssembly, UI): what a site serves
        # for search. A reader fetches only the parts a query needs (search_latency).
        "search_kb": sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 1024,
        "entry_kb": kb(events[len(events) // 2]) if events else 0,
        "timeline_kb": timeline,
    }


def run_scale(n: int, work: Path) -> dict[str, float]:
    data = synthesise(n, work / f"n{n}")
    check = timed([sys.executable, "-m", "scripts.tracker", "--data", str(data), "check"], ROOT)
    root = site_tree(work / f"site{n}", data)
    docs = work / f"gen{n}"
    gen = timed([sys.executable, "-m", "scripts.tracker", "--data", str(root / "data"), "generate", "--docs", str(docs)], ROOT)
    build = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / "mkdocs.yml"), "-d", str(work / f"out{n}")], root)
    # the build's last step, timed again on its own output
    pagefind = timed([sys.executable, "-m", "pagefind", "--site", str(work / f"out{n}"), "--quiet", "--exclude-selectors", ".headerlink"], root)
    floor = floor_tree(work / f"floor{n}", n)
    base = timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(floor / "mkdocs.yml"), "-d", str(work / f"floorout{n}")], floor)
    row = {
        "n": n,
        "check_s": check[0],
        "generate_s": gen[0],
        "build_s": build[0],
        "build_rss_mb": build[1],
        "build_ok": build[2] == 0,
        "pagefind_s": pagefind[0],
        "floor_s": base[0],
        "floor_rss_mb": base[1],
    }
    row.update(sizes(work / f"out{n}"))
    return row


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host such as GitHub Pages does: text files gzipped (level 6)
    for browsers that accept it. Lighthouse judges render-blocking CSS and JS by their transfer
    size, so an uncompressing server would measure the server rather than the site."""

    COMPRESSED = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv"})

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in self.COMPRESSED or not path.is_file():
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


REAL_PAGES = (("home", ""), ("timeline", "timeline/"), ("entry page", "events/spc-blacklist-launch-2013/"))


def reader_cost(site: Path, pages: tuple[tuple[str, str], ...] = REAL_PAGES) -> list[dict[str, float]]:
    """Bytes a first visit transfers (raw and gzip-6) and the number of requests, in Chromium."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for label, path in pages:
            page = browser.new_context().new_page()
            got: list[tuple[str, bytes]] = []
            page.on("response", lambda r, got=got: got.append((r.url, r.body())) if r.ok else None)
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            raw = sum(len(b) for _u, b in got)
            packed = sum(len(gzip.compress(b, 6)) for _u, b in got)
            foreign = sum(not u.startswith(base) for u, _b in got)
            rows.append({"page": label, "requests": len(got), "raw_kb": raw / 1024, "gzip_kb": packed / 1024, "foreign": foreign})
            page.context.close()
        browser.close()
    server.shutdown()
    return rows


def search_latency(site: Path, query: str = "court list") -> float:
    """Milliseconds a reader waits on the search page, Pagefind loaded: from the last key of
    the query to the first result for the whole query showing (its title in the page). Timed
    in the page, so it counts the UI's debounce and the index chunks and fragments the query
    fetches, but not Playwright. Timed from the last key, not the first: Playwright types a
    query in tens of milliseconds, a reader in seconds, so the typing itself would measure
    Playwright; Pagefind starts fetching for each key as it comes, as it would for a reader."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        # Pagefind starts (script, worker, WebAssembly, metadata) on a first query: one that
        # finds nothing, so the measured query's index chunks and fragments are still unfetched
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q=zqxjzqxj", wait_until="networkidle")
        page.locator(".pagefind-ui__message", has_text="No results").wait_for(timeout=120000)
        box = page.locator(".pagefind-ui__search-input")
        box.fill("")
        page.evaluate(
            """query => {
                window.__key = null; window.__shown = null;
                document.addEventListener("keydown", () => { window.__key = performance.now(); }, true);
                new MutationObserver(() => {
                    const message = (document.querySelector(".pagefind-ui__message") || {}).textContent || "";
                    if (window.__shown === null && /^\\d+ results? for /.test(message.trim()) && message.trim().endsWith(" for " + query)
                        && document.querySelector(".pagefind-ui__result-link")) window.__shown = performance.now();
                }).observe(document.body, { childList: true, subtree: true, characterData: true });
            }""",
            query,
        )
        box.press_sequentially(query)  # key events, as a reader types
        page.wait_for_function("() => window.__shown !== null", timeout=60000)
        elapsed = page.evaluate("() => window.__shown - window.__key")
        browser.close()
    server.shutdown()
    return elapsed


LIGHTHOUSE = ROOT / "build" / "tools" / "node_modules" / ".bin" / "lighthouse"  # `make bench` installs it


LIGHTHOUSE_RUNS = 3  # a single run's performance score moved by up to 6 points on this machine


def lighthouse_scores(site: Path) -> list[dict[str, float]]:
    """Lighthouse (npm, run on Debian's Chromium) for the home page, the timeline, an entry page
    and the search page: each page LIGHTHOUSE_RUNS times, reporting the median and the range
    (one run's performance score moved by up to 6 points between runs here)."""
    runs = [_lighthouse_once(site) for _ in range(LIGHTHOUSE_RUNS)]
    rows = []
    for page_runs in zip(*runs, strict=True):
        failed = [r for r in page_runs if "error" in r]
        if failed:
            rows.append(failed[0])
            continue
        row: dict = {"page": page_runs[0]["page"]}
        for key in ("performance", "accessibility", "best-practices"):
            values = sorted(r[key] for r in page_runs)
            row[key] = values[len(values) // 2]
            row[f"{key}-range"] = (values[0], values[-1])
        rows.append(row)
    return rows


def _lighthouse_once(site: Path) -> list[dict[str, float]]:
    """One Lighthouse run over the four pages."""
    if not LIGHTHOUSE.exists():
        return []
    import functools
    import threading

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
    env = {**ENV, "CHROME_PATH": shutil.which("chromium") or shutil.which("chromium-browser") or ""}
    for label, path in (("home", ""), ("timeline", "timeline/"), ("entry page", "events/spc-blacklist-launch-2013/"), ("search", "search/?q=court")):
        out = subprocess.run(
            [
                str(LIGHTHOUSE),
                base + path,
                "--output=json",
                "--quiet",
                f"--chrome-flags={flags}",
                "--only-categories=performance,accessibility,best-practices",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if out.returncode:
            rows.append({"page": label, "error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"})
            continue
        categories = json.loads(out.stdout)["categories"]
        rows.append({"page": label, **{k: round(v["score"] * 100) for k, v in categories.items()}})
    server.shutdown()
    return rows


def table(
    scales: list[dict],
    reader: list[dict],
    search_ms: dict[int, float],
    scores: list[dict] | None = None,
    synthetic_reader: dict[int, list[dict]] | None = None,
) -> str:
    lines = [
        "| Entries | check s | generate s | build s | of which Pagefind s | build peak MiB | floor build s | floor MiB | build ÷ floor "
        "| (check+gen) ÷ build | site MB | search index MB (pagefind/) | entry page KB | largest timeline page KB | search ms |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in scales:
        lines.append(
            f"| {r['n']:,} | {r['check_s']:.1f} | {r['generate_s']:.1f} | {r['build_s']:.1f}{'' if r['build_ok'] else ' (failed)'} "
            f"| {r['pagefind_s']:.1f} | {r['build_rss_mb']:.0f} "
            f"| {r['floor_s']:.1f} | {r['floor_rss_mb']:.0f} | {r['build_s'] / r['floor_s']:.2f} | {(r['check_s'] + r['generate_s']) / r['build_s']:.0%} "
            f"| {r['site_mb']:.0f} | {r['search_kb'] / 1024:.1f} | {r['entry_kb']:.1f} | {r['timeline_kb']:.0f} | {search_ms.get(r['n'], float('nan')):.0f} |"
        )
    lines += [
        "",
        "First view of the real site in headless Chromium (every response counted; gzip level 6):",
        "",
        "| Page | requests | KB raw | KB gzip | requests to other hosts |",
        "|---|--:|--:|--:|--:|",
    ]
    lines += [f"| {r['page']} | {r['requests']} | {r['raw_kb']:.0f} | {r['gzip_kb']:.0f} | {r['foreign']} |" for r in reader]
    for n, rows in sorted((synthetic_reader or {}).items()):
        lines += [
            "",
            f"The same at {n:,} synthetic entries:",
            "",
            "| Page | requests | KB raw | KB gzip | requests to other hosts |",
            "|---|--:|--:|--:|--:|",
        ]
        lines += [f"| {r['page']} | {r['requests']} | {r['raw_kb']:.0f} | {r['gzip_kb']:.0f} | {r['foreign']} |" for r in rows]
    if scores:
        lines += [
            "",
            f"Lighthouse 12.8.2 on Debian's Chromium (real site, served gzipped on localhost, default mobile emulation); "
            f"the median of {LIGHTHOUSE_RUNS} runs per page, with the lowest and highest performance score:",
            "",
            "| Page | performance (median) | performance (range) | accessibility | best practices |",
            "|---|--:|--:|--:|--:|",
        ]
        lines += [
            f"| {r['page']} | {r.get('performance', '–')} | {_range(r.get('performance-range'))} | {r.get('accessibility', '–')} "
            f"| {r.get('best-practices', '–')} |" + (f" {r['error']} |" if "error" in r else "")
            for r in scores
        ]
    return "\n".join(lines) + "\n"


def _range(pair: tuple[float, float] | None) -> str:
    return f"{pair[0]}–{pair[1]}" if pair else "–"


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, Python {platform.python_version()}"


def main(sizes_wanted: list[int], write: bool) -> int:
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        work = Path(tmp)
        scales = []
        search_ms = {}
        synthetic_reader = {}
        for n in sizes_wanted:
            print(f"benchmarking {n:,} entries…", file=sys.stderr)
            scales.append(run_scale(n, work))
            if scales[-1]["build_ok"]:
                title = yaml.safe_load((work / f"site{n}" / "data" / "events" / "event-00000.yaml").read_text(encoding="utf-8"))["title"]
                search_ms[n] = search_latency(work / f"out{n}", " ".join(title.split()[:2]))
                year = sorted(p.name for p in (work / f"out{n}" / "timeline").iterdir() if p.name.isdigit())[-2]
                synthetic_reader[n] = reader_cost(
                    work / f"out{n}", (("home", ""), (f"timeline {year}", f"timeline/{year}/"), ("entry page", "events/event-00000/"))
                )
        real = work / "real"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(ROOT / "mkdocs.yml"), "-d", str(real)],
            cwd=ROOT,
            env=ENV,
            check=True,
        )
        reader = reader_cost(real)
        scores = lighthouse_scores(real)
    command = "python -m scripts.tracker bench " + " ".join(map(str, sizes_wanted))
    text = table(scales, reader, search_ms, scores, synthetic_reader)
    print(text)
    if write:
        header = (
            f"# Benchmark\n\nMeasured {clock.today().isoformat()} on {machine()}, with `{command}` "
            "(`make bench`). Synthetic entries are made valid and sized like the real data "
            f"(mix {', '.join(f'{k} {v:.0%}' for k, v in MIX.items())}; events of about 120 words with 2–4 sources). "
            "The floor is MkDocs with the same theme building the same number of plain pages of about 300 words, "
            "kept out of the sidebar. Peak memory is the largest process's resident set (the generator forks one worker per core "
            "for its big loops). Pages are served gzipped (level 6), as GitHub Pages serves them. "
            "The search index is Pagefind's whole pagefind/ folder (a reader fetches only the parts a query needs); "
            "search ms is the wait on the search page from the last key of a query to its first result showing.\n\n"
        )
        (ROOT / "BENCHMARK.md").write_text(header + text, encoding="utf-8")
    return 0
