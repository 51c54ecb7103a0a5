"""``sangkien stats``: the campaign's headline numbers for a quick look, and what a change does to them.

The numbers are those of the published site (no drafts, no news dated after the build day) and come
from ``generator.stats``, so they always match the pages. ``as_json`` is the form a pull request's check
keeps for the base and the head; ``markdown`` compares the two for the job summary.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import formatting, stats
from .model import Site
from .text import markdown_cell

TOP_UNITS = 5


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def as_json(site: Site) -> dict[str, Any]:
    """Plain values: dates as ISO strings, the percentage as a number (41.3)."""
    total = stats.overall(site)
    return {
        "campaign": site.campaign.name,
        "as_of": _iso(total.as_of),
        "count": total.count,
        "target": total.target,
        "percent": total.percent,
        "deadline": _iso(total.deadline),
        "days_left": total.days_left,
        "reached_on": _iso(total.reached_on),
        "news": len(site.news),
        "units": [{"id": row.unit.id, "short_name": row.unit.short_name, "count": row.count, "target": row.quota,
                   "percent": row.percent, "rank": row.rank} for row in stats.unit_ranking(site)],
        "notice": stats.notice_json(site),
    }


def _date(iso: str | None) -> str:
    return formatting.date(dt.date.fromisoformat(iso)) if iso else "—"


def _deadline_line(numbers: dict[str, Any]) -> str:
    if numbers["reached_on"]:
        return f"Đã đạt chỉ tiêu ngày {_date(numbers['reached_on'])}."
    left = numbers["days_left"]
    if left is None:
        return "Chưa có hạn hoàn thành."
    if left > 0:
        return f"Còn {formatting.number(left)} ngày đến hạn."
    if left == 0:
        return "Hôm nay là hạn hoàn thành."
    return f"Đã quá hạn {formatting.number(-left)} ngày."


def _unit_line(unit: dict[str, Any]) -> str:
    quota = (f"chỉ tiêu {formatting.number(unit['target'])}, đạt {formatting.percent(unit['percent'])}"
             if unit["target"] else "chưa giao chỉ tiêu")
    return f"{unit['rank']:>3}. {unit['short_name']}: {formatting.number(unit['count'])} sáng kiến ({quota})"


def text(numbers: dict[str, Any]) -> str:
    notice = numbers.get("notice")
    lines = [f"{notice['label']}: {notice['text']}"] if notice else []
    lines += [f"{numbers['campaign']} — số liệu đến ngày {_date(numbers['as_of'])}",
              f"Sáng kiến đã đăng ký: {formatting.number(numbers['count'])}"]
    if numbers["target"]:
        lines.append(f"Chỉ tiêu: {formatting.number(numbers['target'])}, hạn {_date(numbers['deadline'])} — "
                     f"đạt {formatting.percent(numbers['percent'])}")
    else:
        lines.append("Chưa có chỉ tiêu.")
    lines.append(_deadline_line(numbers))
    lines.append(f"Tin đã đăng: {formatting.number(numbers['news'])}")
    top = numbers["units"][:TOP_UNITS]
    if top:
        lines.append(f"{len(top)} đơn vị dẫn đầu:")
        lines += [_unit_line(unit) for unit in top]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------- comparison


def _signed(delta: int | float, unit: str = "") -> str:
    if not delta:
        return "0"
    shown = formatting.decimal(abs(delta)) if isinstance(delta, float) else formatting.number(abs(delta))
    return f"{'+' if delta > 0 else '−'}{shown}{unit}"


def _percent(value: float | None) -> str:
    return formatting.percent(value) if value is not None else "—"


def markdown(head: dict[str, Any], base: dict[str, Any] | None) -> str:
    """A job summary: the head's numbers, and with ``base``, the numbers before the change and the difference."""
    lines = ["### Số liệu của trang sau thay đổi", ""]
    rows = [("Sáng kiến đã đăng ký", "count", formatting.number), ("Tỉ lệ so với chỉ tiêu", "percent", _percent),
            ("Ngày chốt số liệu", "as_of", _date), ("Tin đã đăng", "news", formatting.number)]
    if base is None:
        lines += ["| Chỉ số | Giá trị |", "| --- | ---: |"]
        lines += [f"| {label} | {shown(head[key])} |" for label, key, shown in rows]
        lines += ["", "_Không tính được số liệu của nhánh gốc để so sánh._"]
        return "\n".join(lines) + "\n"
    lines += ["| Chỉ số | Trước | Sau | Chênh lệch |", "| --- | ---: | ---: | ---: |"]
    for label, key, shown in rows:
        before, after = base.get(key), head[key]
        if key in ("count", "news"):
            delta = _signed(after - (before or 0))
        elif key == "percent" and before is not None and after is not None:
            delta = _signed(round(after - before, 1), " điểm %")
        else:
            delta = "" if before == after else "đổi"
        lines.append(f"| {label} | {shown(before) if before is not None else '—'} | {shown(after)} | {delta} |")
    changed = _unit_changes(head, base)
    lines.append("")
    if changed:
        lines += ["Đơn vị có số sáng kiến thay đổi:", "", "| Đơn vị | Trước | Sau | Chênh lệch |",
                  "| --- | ---: | ---: | ---: |"]
        for name, before, after in changed:
            lines.append(f"| {markdown_cell(name)} | {formatting.number(before)} | {formatting.number(after)} | "
                         f"{_signed(after - before)} |")
    else:
        lines.append("Số sáng kiến của các đơn vị không đổi.")
    return "\n".join(lines) + "\n"


def _unit_changes(head: dict[str, Any], base: dict[str, Any]) -> list[tuple[str, int, int]]:
    before = {unit["id"]: unit for unit in base.get("units", [])}
    after = {unit["id"]: unit for unit in head["units"]}
    changes = []
    for unit_id in [*after, *(key for key in before if key not in after)]:
        old = before.get(unit_id, {}).get("count", 0)
        new = after.get(unit_id, {}).get("count", 0)
        if old != new:
            name = (after.get(unit_id) or before[unit_id])["short_name"]
            changes.append((name, old, new))
    return changes
