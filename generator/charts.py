"""Static, accessible SVG charts drawn at build time (no chart library, no JavaScript).

Every chart carries a <title> and <desc> for screen readers; pages show the same numbers in a table.
Coordinates are rounded to one decimal so the same numbers give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import formatting
from .stats import Month, Progress

WIDTH, HEIGHT = 360, 240  # drawn at a phone's width (328 px of content at 360), so its 14px text stays about 13px
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 36, 40


@dataclass(frozen=True)
class _Scale:
    first: dt.date
    last: dt.date
    top: int

    def x(self, day: dt.date) -> float:
        span = max((self.last - self.first).days, 1)
        return round(LEFT + (day - self.first).days / span * (WIDTH - LEFT - RIGHT), 1)

    def y(self, value: float) -> float:
        return round(HEIGHT - BOTTOM - value / max(self.top, 1) * (HEIGHT - TOP - BOTTOM), 1)


def _nice_top(value: int) -> int:
    """The smallest 1, 2 or 5 × 10^n at least ``value`` (axis maximum)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _month_end(month: Month) -> dt.date:
    first = month.first_day
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _projected_at_deadline(progress: Progress) -> int | None:
    projection = progress.projection
    if projection is None or progress.deadline is None or progress.deadline <= progress.as_of:
        return None
    return progress.count + int(projection.per_day * (progress.deadline - progress.as_of).days)


def _axes(scale: _Scale, months: list[Month]) -> list[str]:
    parts = [f'<line class="sk-axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}"/>']
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        value = int(scale.top * fraction)
        y = scale.y(value)
        parts.append(f'<line class="sk-grid" x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}"/>')
        parts.append(f'<text class="sk-tick" x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{formatting.number(value)}</text>')
    for month in months:
        if month.first_day.month in (1, 7):  # two labels a year keep the axis readable on a phone
            x = scale.x(month.first_day)
            parts.append(f'<text class="sk-tick" x="{x}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
                         f'{formatting.month(month.first_day)}</text>')
    return parts


def burn_up(progress: Progress, months: list[Month], title: str) -> Markup:
    """Cumulative registrations by month, the target line, the deadline and the projection at the current pace."""
    projected = _projected_at_deadline(progress)
    first = months[0].first_day if months else progress.as_of
    last = max(filter(None, [progress.as_of, progress.deadline]))
    top = _nice_top(max(progress.target or 0, progress.count, projected or 0, 1))
    scale = _Scale(first, last, top)
    points = [(scale.x(first), scale.y(0))] + [(scale.x(min(_month_end(month), progress.as_of)), scale.y(month.cumulative))
                                               for month in months]
    line = " ".join(f"{x},{y}" for x, y in points)
    parts = _axes(scale, months)
    parts.append(f'<polyline class="sk-actual" points="{line}"/>')
    description = [f"Đến {formatting.date(progress.as_of)}: {formatting.number(progress.count)} sáng kiến."]
    if progress.target:
        y = scale.y(progress.target)
        parts.append(f'<line class="sk-target" x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}"/>')
        parts.append(f'<text class="sk-label" x="{LEFT + 4}" y="{y - 6}">Chỉ tiêu {formatting.number(progress.target)}</text>')
        description.append(f"Chỉ tiêu {formatting.number(progress.target)}.")
    if progress.deadline:
        x = scale.x(progress.deadline)
        parts.append(f'<line class="sk-deadline" x1="{x}" y1="{TOP}" x2="{x}" y2="{HEIGHT - BOTTOM}"/>')
        parts.append(f'<text class="sk-label" x="{x}" y="{TOP - 8}" text-anchor="end">'
                     f'Hạn {formatting.date(progress.deadline)}</text>')
    if projected is not None:
        start, end = (scale.x(progress.as_of), scale.y(progress.count)), (scale.x(progress.deadline), scale.y(projected))
        parts.append(f'<line class="sk-projection" x1="{start[0]}" y1="{start[1]}" x2="{end[0]}" y2="{end[1]}"/>')
        description.append(f"Theo tốc độ hiện nay, đến hạn đạt khoảng {formatting.number(projected)} sáng kiến.")
    label = escape(title)
    desc = escape(" ".join(description))
    return Markup(
        f'<svg class="sk-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="burnup-title burnup-desc"'
        f' xmlns="http://www.w3.org/2000/svg"><title id="burnup-title">{label}</title>'
        f'<desc id="burnup-desc">{desc}</desc>' + "".join(parts) + "</svg>")
