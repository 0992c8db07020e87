"""Figure series -> SVG charts, made at build time with matplotlib (no client-side charting).

The chart shows what the series is: cumulative totals and snapshots as a line, per-period
counts as bars, and no line across a gap of more than a year where nothing is known.
Output is byte-identical from run to run (fixed hash salt, no date metadata, text kept as
text) and uses currentColor so it follows Material's light and dark schemes when inlined.
"""

from __future__ import annotations

import datetime as dt
import io
import re

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


def _draw(figure: Entry, width: float, height: float, small: bool) -> plt.Figure:
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
        ax.plot(xs, ys, linestyle="none", marker="o", markersize=3 if small else 4, color=ACCENT)
    ax.set_ylim(bottom=0)
    first, last = min(s for s, _e in spans), max(e for _s, e in spans)
    if (last - first).days < 60:  # a single value or a short span: give the axis a year's room
        ax.set_xlim(first - dt.timedelta(days=183), last + dt.timedelta(days=183))
    locator = mdates.AutoDateLocator(minticks=2, maxticks=5 if small else 8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if small:
        ax.tick_params(labelsize=7)
    else:
        unit = f"{data['unit']} ({word})" if word else data["unit"]
        ax.set_ylabel(unit)
        ax.grid(axis="y", color=INK, alpha=0.15, linewidth=0.5)
    fig.tight_layout(pad=0.4)
    return fig


def svg(figure: Entry, *, small: bool = False, chart_id: str = "") -> str:
    """An accessible SVG: role="img", with <title> and <desc> naming what it shows."""
    fig = _draw(figure, 2.6 if small else 7.0, 1.3 if small else 3.4, small)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prolog and DOCTYPE; the SVG is inlined
    text = text.replace(INK, "currentColor")
    chart_id = chart_id or f"chart-{figure.id}"
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


def png(figure: Entry) -> bytes:
    """The same chart as PNG, for slides and documents (fixed colours; no currentColor in PNG)."""
    fig = _draw(figure, 7.0, 3.4, small=False)
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
