"""Charts: drawn once per set of numbers (issue 8), text kept as text in the SVG."""

import base64

from django.core.cache import cache

from reports import charts


def _svg(uri: str) -> str:
    return base64.b64decode(uri.split(",", 1)[1]).decode()


def test_the_same_numbers_are_drawn_once_and_give_the_same_chart(monkeypatch):
    charts._local.clear()
    cache.clear()
    drawn = []
    draw = charts._draw
    monkeypatch.setattr(charts, "_draw", lambda *a, **k: drawn.append(1) or draw(*a, **k))
    first = charts.bars(["Instroom", "Afgesloten"], {"2024": [3, 2]}, horizontal=False)
    again = charts.bars(["Instroom", "Afgesloten"], {"2024": [3, 2]}, horizontal=False)
    other = charts.bars(["Instroom", "Afgesloten"], {"2024": [3, 4]}, horizontal=False)
    assert first == again and first != other
    assert len(drawn) == 2


def test_a_chart_keeps_its_labels_and_numbers_as_text():
    svg = _svg(
        charts.bars(
            ["Meegenomen naar volgend jaar", "Instroom"],
            {"2024": [12, 7], "2023": [None, 5]},
            unit="%",
        )
    )
    assert "<text" in svg and "Instroom" in svg and "12\u00a0%" in svg and ">0\u00a0%<" in svg
    assert "2023" in svg  # the legend


def test_numbers_on_the_bars_are_written_the_dutch_way():
    svg = _svg(charts.bars(["Aanmeldingen", "Aandeel"], {"2025": [1064753, 4.5]}))
    assert ">1.064.753<" in svg and ">4,5<" in svg
    svg = _svg(charts.bars(["Minderjarig"], {"2025": [4.99]}, unit="%"))
    assert ">4,99\u00a0%<" in svg


def test_the_svg_is_well_formed_whatever_the_labels_say():
    """Labels are the functioneel beheerder's terms: markup in them stays text."""
    import xml.etree.ElementTree as ET

    for horizontal in (True, False):
        svg = _svg(
            charts.bars(
                ['<script>alert("x")</script> & "zo"', "Een heel lange naam " * 6, ""],
                {"2025": [3, 0, None], "2024": [1, 2, 3], "2023": [0, 0, 0]},
                horizontal=horizontal,
            )
        )
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg")
        assert "<script" not in svg and "&lt;script&gt;" in svg


def test_drawing_needs_no_matplotlib():
    """Issue 24: a chart costs well under the 20 ms goal; matplotlib (0.25 s a chart and 2.5 s
    to import) is no longer used. The bench (reports) measures the time."""
    import sys

    charts._local.clear()
    cache.clear()
    charts.bars(["A", "B"], {"2025": [1, 2]})
    assert "matplotlib" not in sys.modules
