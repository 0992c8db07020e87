"""Figure series -> SVG charts, made at build time with matplotlib (no client-side charting).

The chart shows what the series is: cumulative totals and snapshots as a line, per-period
counts as bars, and no line across a gap of more than a year where nothing is known.
Output is byte-identical from run to run (fixed hash salt, no date metadata, text kept as
text) and uses currentColor so it follows Material's light and dark schemes when inlined.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import multiprocessing
import os
import re
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt

from . import dates
from .model import Entry

GAP = dt.timedelta(days=400)  # a longer stretch without a value is shown as a gap
INK = "#010203"  # placeholder colour, replaced by currentColor in the SVG
ACCENT = "#e53935"

matplotlib.rcParams.update(
    {
        "svg.hashsalt": "social-credit-tracker",
        "svg.fonttype": "none",
        "font.family": "sans-serif",
        "font.size": 9,
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "text.color": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def value_day(value: dict) -> tuple[dt.date, dt.date]:
    """The span a value covers: a period's first to last day, or the as-of day (twice)."""
    when = dates.parse(value.get("as_of") or value["period"])
    if "period" in value:
        return when.start.first, (when.end or when.start).last
    day = when.start.first if when.qualifier == "before" else (when.end or when.start).last
    return day, day


def _scaled(values: list[float]) -> tuple[float, str]:
    top = max(values, default=0)
    for factor, word in ((1e9, "billions"), (1e6, "millions"), (1e3, "thousands")):
        if top >= factor * 10:
            return factor, word
    return 1, ""


def _draw(figure: Entry, width: float, height: float) -> plt.Figure:
    data = figure.data
    spans = [value_day(v) for v in data["values"]]
    numbers = [float(v["value"]) for v in data["values"]]
    factor, word = _scaled(numbers)
    ys = [n / factor for n in numbers]
    fig, ax = plt.subplots(figsize=(width, height))
    if data["counting"] == "per-period":
        for (start, end), y in zip(spans, ys, strict=True):
            days = max((end - start).days + 1, 20)  # a period's bar covers its span, with a gap either side
            ax.bar(start + dt.timedelta(days=days * 0.1), y, width=days * 0.8, align="edge", color=ACCENT, linewidth=0)
    else:
        xs = [end for _start, end in spans]
        segment_x, segment_y = [xs[0]], [ys[0]]
        for x, y, prev in zip(xs[1:], ys[1:], xs, strict=False):
            if x - prev > GAP:
                ax.plot(segment_x, segment_y, color=ACCENT, linewidth=1.6)
                segment_x, segment_y = [], []
            segment_x.append(x)
            segment_y.append(y)
        ax.plot(segment_x, segment_y, color=ACCENT, linewidth=1.6)
        ax.plot(xs, ys, linestyle="none", marker="o", markersize=4, color=ACCENT)
    ax.set_ylim(bottom=0)
    first, last = min(s for s, _e in spans), max(e for _s, e in spans)
    if (last - first).days < 60:  # a single value or a short span: give the axis a year's room
        ax.set_xlim(first - dt.timedelta(days=183), last + dt.timedelta(days=183))
    locator = mdates.AutoDateLocator(minticks=2, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_ylabel(f"{data['unit']} ({word})" if word else data["unit"])
    ax.grid(axis="y", color=INK, alpha=0.15, linewidth=0.5)
    fig.tight_layout(pad=0.4)
    return fig


CACHE_DIR: Path | None = None  # set by the generator: charts are reused while their data is unchanged


def _cache_path(figure: Entry, suffix: str) -> Path | None:
    if CACHE_DIR is None:
        return None
    key = hashlib.sha256(json.dumps([figure.data, suffix, matplotlib.__version__], sort_keys=True).encode("utf-8")).hexdigest()
    return CACHE_DIR / f"{figure.id}-{key[:20]}.{suffix}"


def _cached(figure: Entry, suffix: str, make: Callable[[], bytes]) -> bytes:
    path = _cache_path(figure, suffix)
    if path is None:
        return make()
    if path.exists():
        return path.read_bytes()
    content = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return content


def _draw_both(figure: Entry) -> None:
    svg(figure)
    png(figure)


def draw_all(figures: list[Entry]) -> None:
    """Fill the cache on every core first: matplotlib takes about 0.3 s per chart pair."""
    missing = [f for f in figures if any(p is not None and not p.exists() for p in (_cache_path(f, "svg"), _cache_path(f, "png")))]
    if len(missing) < 8:
        return  # not worth starting processes; drawn on demand
    context = multiprocessing.get_context("fork")
    with context.Pool(os.cpu_count() or 1) as pool:
        pool.map(_draw_both, missing, chunksize=4)


def svg(figure: Entry) -> str:
    """An accessible SVG: role="img", with <title> and <desc> naming what it shows."""
    return _cached(figure, "svg", lambda: _svg(figure).encode("utf-8")).decode("utf-8")


def png(figure: Entry) -> bytes:
    """The same chart as PNG, for slides and documents (fixed colours; no currentColor in PNG)."""
    return _cached(figure, "png", lambda: _png(figure))


def _svg(figure: Entry) -> str:
    fig = _draw(figure, 7.0, 3.4)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prolog and DOCTYPE; the SVG is inlined
    text = text.replace(INK, "currentColor")
    chart_id = f"chart-{figure.id}"
    title, desc = chart_text(figure)
    text = re.sub(
        r"<svg ",
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart" ',
        text,
        count=1,
    )
    head = f'<title id="{chart_id}-title">{_xml(title)}</title><desc id="{chart_id}-desc">{_xml(desc)}</desc>'
    text = re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + head, text, count=1)
    return text


def _png(figure: Entry) -> bytes:
    fig = _draw(figure, 7.0, 3.4)
    for text in fig.findobj(match=lambda o: hasattr(o, "get_color") and o.get_color() == INK):
        text.set_color("#222222")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None}, facecolor="white")
    plt.close(fig)
    return buffer.getvalue()


def chart_text(figure: Entry) -> tuple[str, str]:
    data = figure.data
    values = data["values"]
    first, last = values[0], values[-1]
    kind = {
        "cumulative": "Line chart of a running total",
        "snapshot": "Line chart of a stock at each date",
        "per-period": "Bar chart of counts per period",
    }[data["counting"]]
    desc = (
        f"{kind}: {len(values)} values of {data['unit']} according to {data['issuer']}, from "
        f"{_label(first)} ({first['value']:,}) to {_label(last)} ({last['value']:,}). The values are listed in the table below."
    )
    return data["title"], desc


def _label(value: dict) -> str:
    return dates.parse(value.get("as_of") or value["period"]).label


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sparkline(figure: Entry, width: int = 160, height: int = 48) -> str:
    """A tiny hand-drawn SVG for the figures overview: the same rules (line or bars, gaps left
    open) in a few hundred bytes, so the overview stays light with hundreds of series."""
    values = figure.data["values"]
    spans = [value_day(v) for v in values]
    numbers = [float(v["value"]) for v in values]
    start = min(s for s, _e in spans)
    end = max(e for _s, e in spans)
    days = max((end - start).days, 1)
    top = max(numbers) or 1.0

    def x(day: dt.date) -> float:
        return round(4 + (width - 8) * (day - start).days / days, 1)

    def y(number: float) -> float:
        return round(height - 4 - (height - 8) * number / top, 1)

    shapes = []
    if figure.data["counting"] == "per-period":
        bar = max((width - 8) / max(len(values), 1) * 0.7, 2)
        for (first, _last), number in zip(spans, numbers, strict=True):
            shapes.append(f'<rect x="{x(first)}" y="{y(number)}" width="{round(bar, 1)}" height="{round(height - 4 - y(number), 1)}"/>')
    else:
        points = [(x(e), y(n), e) for (_s, e), n in zip(spans, numbers, strict=True)]
        run = [points[0]]
        for point in points[1:]:
            if point[2] - run[-1][2] > GAP:
                shapes.append(_polyline(run))
                run = []
            run.append(point)
        shapes.append(_polyline(run))
        shapes += [f'<circle cx="{px}" cy="{py}" r="2"/>' for px, py, _day in points]
    title, desc = chart_text(figure)
    ident = f"spark-{figure.id}"
    return (
        f'<svg class="chart sparkline" role="img" aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{_xml(title)}</title><desc id="{ident}-desc">{_xml(desc)}</desc>'
        f'<line x1="4" y1="{height - 4}" x2="{width - 4}" y2="{height - 4}" stroke="currentColor" stroke-width="0.5"/>'
        f'<g fill="{ACCENT}" stroke="{ACCENT}">{"".join(shapes)}</g></svg>'
    )


def _polyline(points: list[tuple[float, float, dt.date]]) -> str:
    coords = " ".join(f"{px},{py}" for px, py, _day in points)
    return f'<polyline points="{coords}" fill="none" stroke-width="1.5"/>' if len(points) > 1 else ""
