"""Figure series -> charts, drawn by hand as SVG (inlined in the page) and PNG (a download).

The chart shows what the series is: cumulative totals and snapshots as a line, per-period
counts as bars, and no line across a gap of more than a year where nothing is known. Both
outputs are drawn from one list of shapes (_layout), so they always agree. The SVG uses
currentColor, so it follows Material's light and dark schemes; text stays text. Nothing here
depends on the clock or on the machine, so the output is byte-identical from run to run. (An
earlier version used matplotlib: about 0.3 s per chart, most of the generation time at scale.)
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from . import dates
from .export import BOM, safe_cell
from .model import Entry, value_date, value_label
from .render import xml_text
from .writes import inside, write_if_changed

GAP = dt.timedelta(days=400)  # a longer stretch without a value is shown as a gap
ACCENT = "#e53935"
PNG_INK = "#222222"  # the PNG has a white background; the inlined SVG uses currentColor
WIDTH, HEIGHT = 700, 340  # SVG user units (CSS pixels); the PNG is drawn at twice this size
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 30, 28  # plot margins
FONT_SIZE = 12
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def value_day(value: dict) -> tuple[dt.date, dt.date]:
    """The span a value covers: a period's first to last day, or the as-of day (twice)."""
    when = dates.parse(value_date(value))
    if "period" in value:
        return when.start.first, (when.end or when.start).last
    day = when.start.first if when.qualifier == "before" else as_of_span(value)[1]
    return day, day


def as_of_span(value: dict) -> tuple[dt.date, dt.date]:
    """The days an as-of date may mean, at the precision given: "2019" is any day of 2019."""
    when = dates.parse(value["as_of"])
    if when.qualifier == "before":
        return when.start.first, when.start.first
    return when.start.first, (when.end or when.start).last


def plotted_day(value: dict) -> dt.date:
    """Where a snapshot or running total is drawn: in the middle of the span its date allows
    (a value "as of 2019" sits in mid-2019, with a whisker across the year), not at its end."""
    if "period" in value:
        return value_day(value)[1]
    first, last = as_of_span(value)
    return first + (last - first) / 2


def source_numbers(figure: Entry) -> dict[str, int]:
    """Each source's number in the figure page's reference list (first use in the values)."""
    ids = dict.fromkeys(v["source"]["source"] for v in figure.data["values"])
    return {source: n for n, source in enumerate(ids, start=1)}


def point_label(figure: Entry, value: dict) -> str:
    """What a reader reads off a point: date, value with unit, and the source's number."""
    when = value_label(value)
    qualifier = f"{value['qualifier']} " if value.get("qualifier") else ""
    number = source_numbers(figure)[value["source"]["source"]]
    return f"{when}: {qualifier}{_number(float(value['value']))} {figure.data['unit']} (source [{number}])"


def _scaled(values: list[float]) -> tuple[float, str]:
    top = max(values, default=0)
    for factor, word in ((1e9, "billions"), (1e6, "millions"), (1e3, "thousands")):
        if top >= factor * 10:
            return factor, word
    return 1, ""


def nice_ticks(top: float, most: int = 6) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 times a power of ten) up to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / (most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    count = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def date_ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Year ticks (every 1, 2, 5 or 10 years) for long spans; quarters for spans under two years."""
    if (last - first).days < 730:
        ticks, year, month = [], first.year, ((first.month - 1) // 3) * 3 + 1
        while dt.date(year, month, 1) <= last:
            day = dt.date(year, month, 1)
            if day >= first:
                ticks.append((day, f"{MONTHS[month - 1]} {year}" if month == 1 or not ticks else MONTHS[month - 1]))
            year, month = (year + 1, 1) if month == 10 else (year, month + 3)
        return ticks
    span = last.year - first.year + 1
    step = next(s for s in (1, 2, 5, 10, 20, 50) if span / s <= 8)
    start = first.year + (-first.year % step)
    return [(dt.date(y, 1, 1), str(y)) for y in range(start, last.year + 1, step) if dt.date(y, 1, 1) >= first]


@dataclass(frozen=True)
class Shape:
    """One thing drawn: kind is line, polyline, circle, rect or text; ink is "ink" (text and axes:
    currentColor in the SVG, dark grey in the PNG) or a colour. faint lines are grid lines."""

    kind: str
    points: tuple[tuple[float, float], ...]
    ink: str = "ink"
    size: float = 1.0  # stroke width or radius
    text: str = ""
    anchor: str = ""  # text: "end-middle", "middle-top" or "start-bottom"
    faint: bool = False
    minor: bool = False  # a label that phones leave out, so the bigger text does not collide


@dataclass(frozen=True)
class Mark:
    """Where a value is drawn in the SVG, for reading it on hover, focus or touch."""

    x: float
    y: float
    width: float  # 0 for a point; a bar's width
    height: float
    label: str


def _layout(figure: Entry) -> list[Shape]:
    return _layout_and_marks(figure)[0]


def _layout_and_marks(figure: Entry) -> tuple[list[Shape], list[Mark]]:
    data = figure.data
    spans = [value_day(v) if "period" in v else as_of_span(v) for v in data["values"]]
    numbers = [float(v["value"]) for v in data["values"]]
    factor, word = _scaled(numbers)
    ys = [n / factor for n in numbers]
    first, last = min(s for s, _e in spans), max(e for _s, e in spans)
    if (last - first).days < 60:  # a single value or a short span: give the axis a year's room
        first, last = first - dt.timedelta(days=183), last + dt.timedelta(days=183)
    if data["counting"] == "per-period":
        last = max(last, max(s + dt.timedelta(days=max((e - s).days + 1, 20)) for s, e in spans))
    pad = max((last - first).days * 0.03, 10)
    x0, x1 = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    ticks = nice_ticks(max(ys, default=0))
    top = ticks[-1] or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: dt.date) -> float:
        return round(LEFT + plot_w * (day - x0).days / max((x1 - x0).days, 1), 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - value / top), 1)

    shapes = [Shape("text", ((LEFT - 8, TOP - 12),), text=f"{data['unit']} ({word})" if word else data["unit"], anchor="start-bottom")]
    for tick in ticks:
        shapes.append(Shape("line", ((LEFT, y(tick)), (WIDTH - RIGHT, y(tick))), size=0.5, faint=tick != 0))
        shapes.append(Shape("text", ((LEFT - 6, y(tick)),), text=_number(tick), anchor="end-middle"))
    ticks_x = date_ticks(x0, x1)
    for i, (day, label) in enumerate(ticks_x):
        minor = len(ticks_x) > 4 and i % 2 == 1
        shapes.append(Shape("line", ((x(day), TOP + plot_h), (x(day), TOP + plot_h + 4)), size=0.8))
        shapes.append(Shape("text", ((x(day), TOP + plot_h + 7),), text=label, anchor="middle-top", minor=minor))
    marks: list[Mark] = []
    labels = [point_label(figure, v) for v in data["values"]]
    if data["counting"] == "per-period":
        for (start, end), value, label in zip(spans, ys, labels, strict=True):
            days = max((end - start).days + 1, 20)  # a period's bar covers its span, with a gap either side
            left, right = x(start + dt.timedelta(days=days * 0.1)), x(start + dt.timedelta(days=days * 0.9))
            shapes.append(Shape("rect", ((left, y(value)), (max(right, left + 2), y(0))), ink=ACCENT))
            marks.append(Mark(left, y(value), round(max(right, left + 2) - left, 1), round(y(0) - y(value), 1), label))
    else:
        days = [plotted_day(v) for v in data["values"]]
        for (start, end), value in zip(spans, ys, strict=True):
            if (end - start).days > 1:  # the date is known to a month or a year: show the span it allows
                shapes.append(Shape("line", ((x(start), y(value)), (x(end), y(value))), ink=ACCENT, size=1.0))
        points = [(x(day), y(value), day) for day, value in zip(days, ys, strict=True)]
        marks += [Mark(px, py, 0, 0, label) for (px, py, _d), label in zip(points, labels, strict=True)]
        run = [points[0]]
        for point in points[1:]:
            if point[2] - run[-1][2] > GAP:
                shapes.append(Shape("polyline", tuple((px, py) for px, py, _d in run), ink=ACCENT, size=1.8))
                run = []
            run.append(point)
        shapes.append(Shape("polyline", tuple((px, py) for px, py, _d in run), ink=ACCENT, size=1.8))
        shapes += [Shape("circle", ((px, py),), ink=ACCENT, size=3.0) for px, py, _d in points]
    return shapes, marks


def _svg_shape(shape: Shape) -> str:
    ink = "currentColor" if shape.ink == "ink" else shape.ink
    faint = ' stroke-opacity="0.2"' if shape.faint else ""
    if shape.kind == "line":
        (ax, ay), (bx, by) = shape.points
        return f'<line x1="{ax}" y1="{ay}" x2="{bx}" y2="{by}" stroke="{ink}" stroke-width="{shape.size}"{faint}/>'
    if shape.kind == "polyline":
        if len(shape.points) < 2:
            return ""
        coords = " ".join(f"{px},{py}" for px, py in shape.points)
        return f'<polyline points="{coords}" fill="none" stroke="{ink}" stroke-width="{shape.size}" stroke-linejoin="round"/>'
    if shape.kind == "circle":
        ((cx, cy),) = shape.points
        return f'<circle cx="{cx}" cy="{cy}" r="{shape.size}" fill="{ink}"/>'
    if shape.kind == "rect":
        (ax, ay), (bx, by) = shape.points
        return f'<rect x="{ax}" y="{ay}" width="{round(bx - ax, 1)}" height="{round(by - ay, 1)}" fill="{ink}"/>'
    ((tx, ty),) = shape.points
    horizontal, vertical = shape.anchor.split("-")
    baseline = {"middle": "central", "top": "hanging", "bottom": "auto"}[vertical]
    minor = ' class="tick-minor"' if shape.minor else ""
    return f'<text x="{tx}" y="{ty}" text-anchor="{horizontal}" dominant-baseline="{baseline}" fill="{ink}"{minor}>{_xml(shape.text)}</text>'


def _svg_mark(mark: Mark) -> str:
    """A value the reader can reach with the keyboard (Tab), the pointer or a finger: a wide,
    invisible target named with the value (docs/assets/js/charts.js shows the name beside it)."""
    if mark.width:
        target = f'<rect x="{mark.x}" y="{min(mark.y, HEIGHT - BOTTOM - 12)}" width="{mark.width}" height="{max(mark.height, 12)}"/>'
    else:
        target = f'<circle cx="{mark.x}" cy="{mark.y}" r="14"/>'
    return f'<g class="chart-point" tabindex="0" role="img" aria-label="{_xml(mark.label)}" data-x="{mark.x}" data-y="{mark.y}">{target}</g>'


def _svg(figure: Entry, interactive: bool = True) -> str:
    chart_id = f"chart-{figure.id}"
    title, desc = chart_text(figure)
    shapes, marks = _layout_and_marks(figure)
    body = "".join(_svg_shape(shape) for shape in shapes)
    role = f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
    if interactive:
        # a group, not an image: an image's parts are hidden from assistive technology, and
        # these parts (the values) can be focused
        role = f'role="group" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc"'
        body += '<g class="chart-points" fill="transparent">' + "".join(_svg_mark(m) for m in marks) + "</g>"
    return (
        f'<svg {role} class="chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="{FONT_SIZE}">'
        f'<title id="{chart_id}-title">{_xml(title)}</title><desc id="{chart_id}-desc">{_xml(desc)}</desc>{body}</svg>'
    )


def _png(figure: Entry, scale: int = 2) -> bytes:
    """The same shapes with Pillow, drawn at twice the PNG's size and halved (smooth edges)."""
    k = scale * 2
    image = Image.new("RGB", (WIDTH * k, HEIGHT * k), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=FONT_SIZE * k)
    for shape in _layout(figure):
        ink = PNG_INK if shape.ink == "ink" else shape.ink
        if shape.faint:
            ink = "#d3d3d3"
        pts = [(px * k, py * k) for px, py in shape.points]
        if shape.kind in ("line", "polyline") and len(pts) > 1:
            draw.line(pts, fill=ink, width=max(round(shape.size * k), 1), joint="curve")
        elif shape.kind == "circle":
            (cx, cy), r = pts[0], shape.size * k
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=ink)
        elif shape.kind == "rect":
            draw.rectangle((*pts[0], *pts[1]), fill=ink)
        elif shape.kind == "text":
            horizontal, vertical = shape.anchor.split("-")
            anchor = {"start": "l", "middle": "m", "end": "r"}[horizontal] + {"middle": "m", "top": "t", "bottom": "d"}[vertical]
            draw.text(pts[0], shape.text, fill=ink, font=font, anchor=anchor)
    image = image.reduce(2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


CACHE_DIR: Path | None = None  # set by the generator: PNGs are reused while their data is unchanged
_DRAWING_VERSION = "3"  # change when the drawing code changes, so cached PNGs are redrawn


def _cached(figure: Entry, suffix: str, make: Callable[[], bytes]) -> bytes:
    path = _cache_path(figure, suffix)
    if path is None:
        return make()
    if path.exists():
        return path.read_bytes()
    content = make()
    write_if_changed(path.parent, path.name, content)
    return content


def _cache_path(figure: Entry, suffix: str) -> Path | None:
    if CACHE_DIR is None:
        return None
    key = hashlib.sha256(json.dumps([figure.data, suffix, _DRAWING_VERSION], sort_keys=True).encode("utf-8")).hexdigest()
    return inside(CACHE_DIR, f"{figure.id}-{key[:20]}.{suffix}")


def draw_all(figures: list[Entry]) -> None:
    """Fill the PNG cache on every core first (about 40 ms a chart); few missing: drawn on demand."""
    missing = [f for f in figures if (path := _cache_path(f, "png")) is not None and not path.exists()]
    if len(missing) < 16:
        return
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        pool.map(png, missing, chunksize=8)


def svg(figure: Entry, interactive: bool = True) -> str:
    """An accessible SVG with <title> and <desc> naming what it shows. In the page (interactive)
    each value is a focusable part naming its date, value and source; the download is an image."""
    return _svg(figure, interactive)


def csv_text(figure: Entry) -> str:
    """The series as CSV, one row per value, as the figure page's table shows it (and the
    source's number there and id), for a spreadsheet: with a BOM and no cell that starts like a
    formula, as every CSV download."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "date_label", "qualifier", "value", "unit", "source_number", "source_id", "locator", "note"])
    numbers = source_numbers(figure)
    for v in figure.data["values"]:
        src = v["source"]
        row = [value_date(v), value_label(v), v.get("qualifier", ""), v["value"], figure.data["unit"], numbers[src["source"]], src["source"]]
        writer.writerow([safe_cell(c) for c in (*row, src.get("locator", ""), v.get("note", ""))])
    return out.getvalue()


def png(figure: Entry) -> bytes:
    """The same chart as PNG, for slides and documents (dark text on white)."""
    return _cached(figure, "png", lambda: _png(figure))


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
    return dates.parse(value_date(value)).label


def _xml(text: str) -> str:
    return xml_text(text)


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
