"""The roll-up's files: the XLSX workbook (openpyxl), the network PDF (a board summary laid out
by WeasyPrint through the report's restricted URL fetcher) and the ZIP of every store's report.

All three read a `Rollup` (assessments.groups.rollup) and write bytes; the database is read
only through it, and through the report cache for the ZIP."""

from __future__ import annotations

import io
import re
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from assessments.export import neutralise
from assessments.groups.rollup import Rollup
from assessments.models import Assessment
from assessments.reports import pdf
from assessments.selectors import latest_signed_review

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def safe_filename_part(text: str) -> str:
    """A store name fit for a file name inside the ZIP (no separators, no control characters)."""
    return re.sub(r"\s+", " ", UNSAFE_IN_NAME.sub(" ", text)).strip(" .")[:80]


def _sheet(workbook, title: str, header: list, rows) -> None:
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([neutralise(str(cell)) for cell in header])
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])


def rollup_xlsx(rollup: Rollup) -> bytes:
    """One sheet per part of the roll-up page."""
    workbook = Workbook(write_only=True)
    content = rollup.content
    _sheet(
        workbook,
        _("段位分布"),
        [_("段位"), _("门店数")],
        [
            *[
                [f"Level {n} {content.level(n).short_name}", count]
                for n, count in rollup.distribution.items()
            ],
            [_("暂无结果"), rollup.no_result],
        ],
    )
    _sheet(
        workbook,
        _("热力图"),
        [
            _("门店"),
            _("区域"),
            _("城市"),
            _("企业类型"),
            _("段位"),
            *[d.name for d in rollup.dimensions],
            _("满足的诊断标准"),
        ],
        [
            [
                row.name,
                row.region,
                row.city,
                row.type_label,
                row.level if row.level is not None else "",
                *[row.dimensions.get(d.code, "") for d in rollup.dimensions],
                row.criteria_met if row.has_result else "",
            ]
            for row in rollup.rows
        ],
    )
    _sheet(
        workbook,
        _("未满足的标准"),
        [_("编号"), _("诊断标准"), _("门店数")],
        [[c.code, c.text, n] for c, n in rollup.unmet_criteria],
    )
    _sheet(
        workbook,
        _("计划的行动"),
        [_("行动"), _("门店数")],
        [[title, n] for title, n in rollup.planned_actions],
    )
    if rollup.change_from and rollup.change_to:
        _sheet(
            workbook,
            _("段位变化"),
            [_("门店"), _("区域"), rollup.change_from.name, rollup.change_to.name, _("变化")],
            [
                [
                    c.name,
                    c.region,
                    c.before if c.before is not None else "",
                    c.after if c.after is not None else "",
                    c.delta if c.delta is not None else "",
                ]
                for c in rollup.changes
            ],
        )
    _sheet(
        workbook,
        _("试点建议"),
        [_("区域"), _("门店"), _("理由")],
        [[p.region, p.store.name, p.reason] for p in rollup.pilots],
    )
    _sheet(
        workbook,
        _("推广波次"),
        [_("波次"), _("门店"), _("区域"), _("段位")],
        [
            [wave.title, store.name, store.region, store.level or ""]
            for wave in rollup.waves
            for store in wave.stores
        ],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def network_pdf_html(rollup: Rollup) -> str:
    from assessments.reports import charts

    content = rollup.content
    chart = charts.level_distribution_chart(
        {n: count for n, count in rollup.distribution.items()},
        level_labels={lvl.number: f"L{lvl.number} {lvl.short_name}" for lvl in content.levels},
        none_count=rollup.no_result,
        none_label=_("暂无结果"),
        title=_("门店段位分布"),
    )
    return render_to_string(
        "groups/network_pdf.html",
        {
            "rollup": rollup,
            "chart": pdf.chart_image(chart),
            "page_footer": pdf.page_footer(),
            "today": timezone.localdate(),
        },
    )


def network_pdf(rollup: Rollup) -> bytes:
    """The board summary of the network, as a PDF (same fetcher restrictions as the report)."""
    return pdf.html_to_pdf(network_pdf_html(rollup))


def report_entries(rollup: Rollup) -> list[tuple[str, object]]:
    """(file name in the ZIP, assessment id) of every store with a submitted result."""
    names: set[str] = set()
    entries = []
    for row in rollup.rows:
        if not row.has_result:
            continue
        base = safe_filename_part(row.name) or "store"
        name = f"{base}.pdf"
        number = 2
        while name in names:
            name = f"{base}-{number}.pdf"
            number += 1
        names.add(name)
        entries.append((name, row.assessment_id))
    return entries


def write_reports_zip(entries, *, language: str, progress) -> bytes:
    """Every store's report PDF (from the cache when already rendered) in one ZIP;
    ``progress(done)`` is called after each report."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for done, (name, assessment_id) in enumerate(entries, start=1):
            assessment = Assessment.objects.select_related("company", "model_version").get(
                pk=assessment_id
            )
            data = pdf.report_pdf(
                assessment,
                language=language,
                review=latest_signed_review(assessment),
                timeout=600,
            )
            archive.writestr(name, data)
            progress(done)
    return buffer.getvalue()
