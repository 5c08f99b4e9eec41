"""A line chart of one series as SVG, written by hand (no plotting dependency):
axes, a title, y ticks at round values with their labels, x labels (thinned to
about a dozen), the line and a dot per point with a tooltip (``<title>``). A
point without a value (an undefined rate) breaks the line."""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 880, 440
LEFT, RIGHT, TOP, BOTTOM = 90, 30, 50, 80
MAX_X_LABELS = 12


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (low is 0 for non-negative series)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _label(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if abs(value) >= 10_000:
        return f"{value / 1000:.0f}k"
    if value == int(value):
        return f"{int(value)}"
    return f"{value:.2f}"


def line_chart(title: str, labels: Sequence[str], values: Sequence[float | None], y_label: str = "") -> str:
    known = [v for v in values if v is not None]
    low = min(0.0, *known) if known else 0.0
    high = max(known) if known else 1.0
    ticks = nice_ticks(low, high)
    y_min, y_max = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(labels)

    def x(i: int) -> float:
        return LEFT + (plot_w / 2 if n <= 1 else plot_w * i / (n - 1))

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - y_min) / ((y_max - y_min) or 1))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12" role="img">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{WIDTH / 2:.1f}" y="28" text-anchor="middle" font-size="16" font-weight="bold">'
        f"{escape(title)}</text>",
    ]
    for tick in ticks:  # grid and y labels
        ty = y(tick)
        out.append(f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" stroke="#e5e5e5"/>')
        out.append(f'<text x="{LEFT - 8}" y="{ty + 4:.1f}" text-anchor="end">{escape(_label(tick))}</text>')
    out.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#333333"/>')
    out.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#333333"/>')
    if y_label:
        out.append(
            f'<text x="18" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" '
            f'transform="rotate(-90 18 {TOP + plot_h / 2:.1f})">{escape(y_label)}</text>'
        )
    every = max(1, math.ceil(n / MAX_X_LABELS))
    for i, text in enumerate(labels):
        if i % every and i != n - 1:
            continue
        lx, ly = x(i), TOP + plot_h + 18
        out.append(f'<line x1="{lx:.1f}" y1="{TOP + plot_h}" x2="{lx:.1f}" y2="{TOP + plot_h + 5}" stroke="#333333"/>')
        out.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="end" transform="rotate(-35 {lx:.1f} {ly:.1f})">'
            f"{escape(text)}</text>"
        )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, v in enumerate(values):
        if v is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(v):.1f}")
    if segment:
        segments.append(segment)
    for points in segments:
        out.append(f'<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="{" ".join(points)}"/>')
    for i, v in enumerate(values):
        if v is not None:
            out.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="#1f77b4">'
                f"<title>{escape(labels[i])}: {escape(_label(v))}</title></circle>"
            )
    if not known:
        out.append(f'<text x="{WIDTH / 2:.1f}" y="{TOP + plot_h / 2:.1f}" text-anchor="middle">No data</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
