"""Charts as SVG data URIs (matplotlib, Agg-free SVG backend), for the dashboard and the PDF.

Text stays text in the SVG (readable, searchable, sharp when printed). Colours are the theme's
dark blue and two companions, each with a contrast of at least 4.5:1 against white, so bars
and their labels pass WCAG AA; the numbers are also printed on the bars, so no reader depends
on colour. Every chart sits next to a table with the same numbers.
"""

from __future__ import annotations

import base64
import io
import threading

import matplotlib

matplotlib.use("svg")
from matplotlib import pyplot as plt  # noqa: E402

# #154273 (11.2:1), #B3541E (5.3:1), #3B6E2F (6.1:1) against white.
COLOURS = ["#154273", "#B3541E", "#3B6E2F"]
TEXT = "#1a1a1a"
_lock = threading.Lock()  # pyplot keeps global state

plt.rcParams.update(
    {
        "svg.fonttype": "none",
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.edgecolor": "#6b6b6b",
        "axes.labelcolor": TEXT,
        "xtick.color": TEXT,
        "ytick.color": TEXT,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def _data_uri(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


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
    names = list(series)
    count = max(len(names), 1)
    with _lock:
        height = max(1.6, 0.28 * len(labels) * count + 0.9) if horizontal else 3.2
        fig, ax = plt.subplots(figsize=(width, height))
        thickness = 0.8 / count
        for i, name in enumerate(names):
            values = [v or 0 for v in series[name]]
            positions = [p + (i - (count - 1) / 2) * thickness for p in range(len(labels))]
            colour = COLOURS[i % len(COLOURS)]
            if horizontal:
                drawn = ax.barh(positions, values, height=thickness, color=colour, label=name)
            else:
                drawn = ax.bar(positions, values, width=thickness, color=colour, label=name)
            ax.bar_label(drawn, labels=[f"{v}{unit}" for v in values], padding=2, fontsize=8.5)
        if horizontal:
            ax.set_yticks(range(len(labels)), labels)
            ax.invert_yaxis()
            ax.xaxis.set_visible(False)
            ax.spines["bottom"].set_visible(False)
            ax.margins(x=0.12)
        else:
            ax.set_xticks(range(len(labels)), labels)
            ax.yaxis.set_visible(False)
            ax.spines["left"].set_visible(False)
            ax.margins(y=0.15)
        if count > 1:
            ax.legend(frameon=False, fontsize=9, loc="best")
        return _data_uri(fig)
