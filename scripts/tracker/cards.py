"""Share cards: the 1200×630 PNG a link preview shows (og:image, twitter:card).

A claim's card carries its verdict (word, icon and colour) above the claim, so a shared link
never previews the claim bare. Other pages share one site card. Drawn with Pillow and its
built-in font (no font files, no network), so the same data gives the same bytes on any machine;
cached like the charts (charts.py), keyed on what is drawn.
"""

from __future__ import annotations

import hashlib
import io
import json
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
INK = "#1a1a1a"
MUTED = "#4d4d4d"
# Verdict colours: white text on each passes WCAG AA (contrast at least 4.5:1); the word and
# the icon carry the meaning, so the card reads the same in grey.
VERDICT_COLOURS = {
    "supported": "#1b5e20",
    "partly-supported": "#7a4a00",
    "misleading": "#9c3b00",
    "unsupported": "#455a64",
    "false": "#b71c1c",
}
DEFAULT_COLOUR = "#37474f"
CACHE_DIR: Path | None = None  # set by the generator
_DRAWING_VERSION = "2"  # change when the drawing code changes, so cached cards are redrawn


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _icon(draw: ImageDraw.ImageDraw, verdict: str, x: int, y: int, size: int) -> None:
    """A shape per verdict, drawn in white on the verdict band: tick, half disc, warning
    triangle, question mark, cross. Shapes, not glyphs: the built-in font has no symbols."""
    s, w = size, max(4, size // 9)
    if verdict == "supported":
        draw.line([(x + s * 0.15, y + s * 0.55), (x + s * 0.42, y + s * 0.8), (x + s * 0.88, y + s * 0.2)], fill="white", width=w)
    elif verdict == "partly-supported":
        draw.ellipse([x, y, x + s, y + s], outline="white", width=w)
        draw.pieslice([x, y, x + s, y + s], 90, 270, fill="white")
    elif verdict == "misleading":
        draw.polygon([(x + s / 2, y), (x + s, y + s), (x, y + s)], outline="white", width=w)
        draw.line([(x + s / 2, y + s * 0.35), (x + s / 2, y + s * 0.7)], fill="white", width=w)
        draw.ellipse([x + s / 2 - w / 2, y + s * 0.8, x + s / 2 + w / 2, y + s * 0.8 + w], fill="white")
    elif verdict == "unsupported":
        draw.ellipse([x, y, x + s, y + s], outline="white", width=w)
        draw.text((x + s / 2, y + s / 2), "?", fill="white", font=_font(int(s * 0.7)), anchor="mm")
    elif verdict == "false":
        draw.line([(x + s * 0.15, y + s * 0.15), (x + s * 0.85, y + s * 0.85)], fill="white", width=w)
        draw.line([(x + s * 0.85, y + s * 0.15), (x + s * 0.15, y + s * 0.85)], fill="white", width=w)


def _wrap(text: str, width: int, lines: int) -> list[str]:
    out = textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: max(0, width - 1)].rstrip() + "…"
    return out


def _draw(site_name: str, verdict_key: str | None, verdict_word: str, heading: str, reason: str, site_url: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    colour = VERDICT_COLOURS.get(verdict_key or "", DEFAULT_COLOUR)
    draw.rectangle([0, 0, WIDTH, 150], fill=colour)
    left = 60
    if verdict_key:
        _icon(draw, verdict_key, left, 40, 70)
        left += 100
    draw.text((left, 75), verdict_word, fill="white", font=_font(64), anchor="lm")
    y = 190
    for line in _wrap(heading, 46, 4):
        draw.text((60, y), line, fill=INK, font=_font(46))
        y += 58
    y += 14
    for line in _wrap(reason, 78, 3):
        draw.text((60, y), line, fill=MUTED, font=_font(30))
        y += 40
    draw.rectangle([0, HEIGHT - 70, WIDTH, HEIGHT], fill="#f2f2f2")
    draw.text((60, HEIGHT - 35), site_name, fill=INK, font=_font(30), anchor="lm")
    draw.text((WIDTH - 60, HEIGHT - 35), site_url, fill=MUTED, font=_font(24), anchor="rm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _cached(name: str, parts: list[str | None], make: object) -> bytes:
    key = hashlib.sha256(json.dumps([parts, _DRAWING_VERSION]).encode("utf-8")).hexdigest()[:20]
    path = CACHE_DIR / f"{name}-{key}.png" if CACHE_DIR is not None else None
    if path is not None and path.exists():
        return path.read_bytes()
    content = make()  # type: ignore[operator]
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return content


def claim_card(site_name: str, site_url: str, verdict_key: str, verdict_word: str, claim_title: str, reason: str, claim_id: str) -> bytes:
    """A claim's card: verdict band (icon and word), the claim's title, the reason, the site."""
    parts = [site_name, site_url, verdict_key, verdict_word, claim_title, reason]
    return _cached(f"claim-{claim_id}", parts, lambda: _draw(site_name, verdict_key, verdict_word, claim_title, reason, site_url))


def site_card(site_name: str, site_url: str, tagline: str) -> bytes:
    """The card every page without its own shares."""
    parts = [site_name, site_url, tagline]
    return _cached("site", parts, lambda: _draw(site_name, None, site_name, tagline, "", site_url))
