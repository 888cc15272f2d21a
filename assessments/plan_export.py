"""The action plan as an XLSX workbook (one row per action) and an iCalendar file of milestones.

The workbook reuses assessments.export (the same minimal SpreadsheetML writer, text cells that
look like formulas neutralised). The calendar is written by hand after RFC 5545: CRLF line
ends, TEXT values escaped (backslash, semicolon, comma, newline), lines folded at 75 octets
without splitting a UTF-8 character, one all-day VEVENT per action with a due date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.utils.translation import gettext as _

from assessments.action_plans import action_rows, reasons_separator
from assessments.export import neutralise, xlsx_bytes
from assessments.models import ActionPlan

PRODID = "-//After-sales Digital Maturity Diagnosis//Action plan//EN"


def plan_header() -> list[str]:
    return [
        _("序号"),
        _("举措编号"),
        _("行动"),
        _("负责人"),
        _("负责角色"),
        _("截止日期"),
        _("状态"),
        _("90天MVP里程碑"),
        _("衡量指标与目标"),
        _("预算区间"),
        _("推动的清单项和诊断标准"),
        _("排序理由"),
        _("备注"),
    ]


def plan_rows(plan: ActionPlan) -> list[list]:
    rows = []
    for row in action_rows(plan):
        action = row.action
        rows.append(
            [
                action.position,
                neutralise(action.initiative.code if action.initiative else ""),
                neutralise(row.title),
                neutralise(action.owner_name),
                neutralise(row.role),
                action.due_date.isoformat() if action.due_date else "",
                str(action.get_status_display()),
                neutralise(row.mvp),
                neutralise(row.kpi),
                neutralise(row.budget),
                neutralise(" ".join(action.moves)),
                neutralise(reasons_separator().join(row.reasons)),
                neutralise(action.notes),
            ]
        )
    return rows


def plan_xlsx(plan: ActionPlan) -> bytes:
    return xlsx_bytes(plan_header(), plan_rows(plan), sheet_name="plan")


# ---------------------------------------------------------------------------------------------
# iCalendar (RFC 5545)
# ---------------------------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """RFC 5545 3.3.11 TEXT: backslash, semicolon and comma escaped, newlines as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """RFC 5545 3.1: lines of at most 75 octets, continued with CRLF + one space; a UTF-8
    character is never split."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _date(day: date) -> str:
    return day.strftime("%Y%m%d")


def plan_ics(plan: ActionPlan, *, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    calendar_name = _("%(company)s 行动计划") % {"company": plan.company.name}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(calendar_name),
    ]
    for row in action_rows(plan):
        action = row.action
        if not action.due_date:
            continue
        description = "\n".join(
            part
            for part in (
                _("负责人:%(owner)s") % {"owner": row.owner} if row.owner else "",
                _("状态:%(status)s") % {"status": action.get_status_display()},
                _("90天MVP里程碑:%(mvp)s") % {"mvp": row.mvp} if row.mvp else "",
                _("衡量指标与目标:%(kpi)s") % {"kpi": row.kpi} if row.kpi else "",
                action.notes,
            )
            if part
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{action.pk}@action-plan",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_date(action.due_date)}",
            f"DTEND;VALUE=DATE:{_date(action.due_date + timedelta(days=1))}",
            "SUMMARY:" + escape_text(_("里程碑:%(title)s") % {"title": row.title}),
            f"DESCRIPTION:{escape_text(description)}",
            f"STATUS:{'TENTATIVE' if action.status == 'on_hold' else 'CONFIRMED'}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
