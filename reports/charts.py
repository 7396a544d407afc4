"""Charts as SVG data URIs, for the dashboard and the PDF: grouped bars, drawn as SVG text.

Text stays text in the SVG (readable, searchable, sharp when printed). Colours are the theme's
dark blue and two companions, each with a contrast of at least 4.5:1 against white, so bars
and their labels pass WCAG AA; the numbers are also printed on the bars, the Dutch way
(zvhd/formats.py: "1.064", "4,5 %"), so no reader depends on colour. Every chart sits next to
a table with the same numbers.

Why it is built the way it is:
- Issue 24: "charts drawn in ≤ 20 ms each, or cached so that no request draws one (a lighter
  SVG path than matplotlib is welcome where it keeps text as text for the PDF)". matplotlib
  took ~0.25 s per chart (the figures page 4.2 s on its first load) and 2.5 s to import. Every
  chart of the project is the same simple thing - bars per label, one per year, a number at
  the end of each bar, a legend above - so it is written here as SVG elements directly: well
  under a millisecond per chart, no import cost, and the same output for the same numbers.
  Label widths are estimated from DejaVu Sans' average glyph widths (the font the PDF embeds);
  labels wrap at 34 characters as before.
- A chart is a pure function of its numbers and labels, so it is still cached by a hash of
  them: in the process (a bounded dict) and in Django's cache. `CHART_STYLE` is in the key:
  change it when the drawing changes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import textwrap
import threading
from collections import OrderedDict
from html import escape

from django.core.cache import cache

# #154273 (11.2:1), #B3541E (5.3:1), #3B6E2F (6.1:1) against white.
COLOURS = ["#154273", "#B3541E", "#3B6E2F"]
TEXT = "#1a1a1a"
AXIS = "#6b6b6b"
CHART_STYLE = "4"  # part of the cache key: bump it when the drawing changes
CACHE_SECONDS = 60 * 60 * 24 * 30
_LOCAL_MAX = 128


_local: OrderedDict[str, str] = OrderedDict()
_local_lock = threading.Lock()


def _key(labels, series, horizontal, unit, width) -> str:
    payload = json.dumps(
        [CHART_STYLE, labels, series, horizontal, unit, width], sort_keys=True, default=str
    )
    return "reports:chart:" + hashlib.sha256(payload.encode()).hexdigest()


def _remember(key: str, uri: str) -> None:
    with _local_lock:
        _local[key] = uri
        _local.move_to_end(key)
        while len(_local) > _LOCAL_MAX:
            _local.popitem(last=False)


def bars(
    labels: list[str],
    series: dict[str, list[int | None]],
    *,
    horizontal: bool = True,
    unit: str = "",
    width: float = 6.5,
) -> str:
    """A bar chart: one bar per label per series (e.g. per year), numbers on the bars."""
    labels = [str(label) for label in labels]
    series = {str(name): [v or 0 for v in values] for name, values in series.items()}
    key = _key(labels, series, horizontal, unit, width)
    with _local_lock:
        uri = _local.get(key)
    if uri is None:
        uri = cache.get(key)
        if uri is None:
            uri = _draw(labels, series, horizontal=horizontal, unit=unit, width=width)
            cache.set(key, uri, CACHE_SECONDS)
        _remember(key, uri)
    return uri


def _text_width(text: str, size: float) -> float:
    """The width of `text` in DejaVu Sans at `size` points, estimated from its glyph classes
    (good to a few per cent for Dutch text; used only to reserve room, never to clip)."""
    width = 0.0
    for char in text:
        if char in "il.,:;'|!":
            width += 0.32
        elif char in "fjrt()- ":
            width += 0.42
        elif char.isupper() or char in "mwMW%€":
            width += 0.78
        else:
            width += 0.6
    return width * size


def _label(value, unit: str) -> str:
    from zvhd import formats

    if unit == "%":
        return formats.percent(value, -2)
    text = formats.cell(value) if value else "0"
    return f"{text}{unit}" if unit else text


def _esc(text: str) -> str:
    return escape(text, quote=True)


LABEL_SIZE = 10.0
VALUE_SIZE = 8.5
LEGEND_SIZE = 9.0


def _legend(names: list[str], top: float) -> list[str]:
    parts, x = [], 0.0
    for i, name in enumerate(names):
        colour = COLOURS[i % len(COLOURS)]
        parts.append(f'<rect x="{x:.1f}" y="{top:.1f}" width="9" height="9" fill="{colour}"/>')
        parts.append(
            f'<text x="{x + 12:.1f}" y="{top + 8:.1f}" font-size="{LEGEND_SIZE}">'
            f"{_esc(name)}</text>"
        )
        x += 12 + _text_width(name, LEGEND_SIZE) + 14
    return parts


def _draw(labels, series, *, horizontal, unit, width) -> str:
    names = list(series)
    count = max(len(names), 1)
    total_width = width * 72  # points, as the PDF and the page size them
    parts: list[str] = []
    top = 0.0
    if count > 1:
        parts += _legend(names, 2)
        top = 18.0
    peak = max((v for values in series.values() for v in values), default=0) or 1
    if horizontal:
        wrapped = [textwrap.wrap(label, 34) or [""] for label in labels]
        line_height = LABEL_SIZE * 1.2
        label_width = min(
            max((_text_width(line, LABEL_SIZE) for lines in wrapped for line in lines), default=0)
            + 8,
            total_width * 0.5,
        )
        bar = 8.0
        room = 44.0  # for the number after the longest bar
        plot = max(total_width - label_width - room, 40.0)
        y = top + 4
        axis_top = y
        for index, lines in enumerate(wrapped):
            slot = max(count * bar, len(lines) * line_height) + 6
            first = y + (slot - len(lines) * line_height) / 2 + LABEL_SIZE
            for n, line in enumerate(lines):
                parts.append(
                    f'<text x="{label_width - 6:.1f}" y="{first + n * line_height:.1f}" '
                    f'font-size="{LABEL_SIZE}" text-anchor="end">{_esc(line)}</text>'
                )
            bars_top = y + (slot - count * bar) / 2
            for i, name in enumerate(names):
                value = series[name][index]
                length = plot * value / peak if value > 0 else 0
                by = bars_top + i * bar
                colour = COLOURS[i % len(COLOURS)]
                parts.append(
                    f'<rect x="{label_width:.1f}" y="{by:.1f}" width="{length:.1f}" '
                    f'height="{bar - 1:.1f}" fill="{colour}"><title>{_esc(name)}: '
                    f"{_esc(_label(value, unit))}</title></rect>"
                )
                parts.append(
                    f'<text x="{label_width + length + 3:.1f}" y="{by + bar - 1.5:.1f}" '
                    f'font-size="{VALUE_SIZE}">{_esc(_label(value, unit))}</text>'
                )
            y += slot
        parts.append(
            f'<line x1="{label_width:.1f}" y1="{axis_top:.1f}" x2="{label_width:.1f}" '
            f'y2="{y:.1f}" stroke="{AXIS}" stroke-width="0.8"/>'
        )
        height = y + 4
    else:
        wrapped = [textwrap.wrap(label, 15) or [""] for label in labels]
        lines = max((len(w) for w in wrapped), default=1)
        plot_height = 150.0
        slot = total_width / max(len(labels), 1)
        bar = min(slot * 0.8 / count, 40.0)
        base = top + 14 + plot_height  # room above for the numbers
        for index, label_lines in enumerate(wrapped):
            centre = slot * index + slot / 2
            left = centre - count * bar / 2
            for i, name in enumerate(names):
                value = series[name][index]
                length = plot_height * value / peak if value > 0 else 0
                x = left + i * bar
                colour = COLOURS[i % len(COLOURS)]
                parts.append(
                    f'<rect x="{x:.1f}" y="{base - length:.1f}" width="{bar - 1:.1f}" '
                    f'height="{length:.1f}" fill="{colour}"><title>{_esc(name)}: '
                    f"{_esc(_label(value, unit))}</title></rect>"
                )
                parts.append(
                    f'<text x="{x + (bar - 1) / 2:.1f}" y="{base - length - 3:.1f}" '
                    f'font-size="{VALUE_SIZE}" text-anchor="middle">'
                    f"{_esc(_label(value, unit))}</text>"
                )
            for n, line in enumerate(label_lines):
                parts.append(
                    f'<text x="{centre:.1f}" y="{base + 13 + n * LABEL_SIZE * 1.2:.1f}" '
                    f'font-size="{LABEL_SIZE}" text-anchor="middle">{_esc(line)}</text>'
                )
        parts.append(
            f'<line x1="0" y1="{base:.1f}" x2="{total_width:.1f}" y2="{base:.1f}" '
            f'stroke="{AXIS}" stroke-width="0.8"/>'
        )
        height = base + 6 + lines * LABEL_SIZE * 1.2
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_width:.0f}pt" '
        f'height="{height:.0f}pt" viewBox="0 0 {total_width:.1f} {height:.1f}" '
        f'font-family="DejaVu Sans, Verdana, sans-serif" fill="{TEXT}">' + "".join(parts) + "</svg>"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
