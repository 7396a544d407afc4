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
    assert "<text" in svg and "Instroom" in svg and "12%" in svg and ">0%<" in svg
    assert "2023" in svg  # the legend
