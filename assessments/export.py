"""The consultant's export: one row per submitted assessment, as CSV or XLSX.

Columns: the company's fields, the computed and the confirmed level (and, last, the official
level with the rules v2 flags), the ticked items per level,
the flags, every metric and every dimension of the current model version. Any text cell that
begins with = + - @ (or their full-width forms, a tab, CR or LF), once leading whitespace and
zero-width characters are skipped, is neutralised with a leading single quote, so a spreadsheet
never runs it as a formula (CSV injection); every CSV text field is quoted. Numbers stay numbers.

The XLSX file is written with the standard library: a minimal SpreadsheetML package (inline
strings, one sheet), no third-party dependency.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.answers import UNKNOWN
from maturity.models import MetricType
from maturity.selectors import ModelContent

FORMULA_TRIGGERS = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    # Full-width forms: some spreadsheets (WPS, Excel with East Asian input) read them as the
    # ASCII operators.
    "\uff1d",  # ＝
    "\uff0b",  # ＋
    "\uff0d",  # －
    "\uff20",  # ＠
)
# Characters a spreadsheet skips before deciding whether a cell is a formula.
INVISIBLE_PREFIX = re.compile(r"^[\s\u200b\u200c\u200d\u2060\ufeff\u00a0\u3000]+")


def neutralise(value):
    """A text cell that a spreadsheet would read as a formula gets a leading "'": judged after
    leading whitespace and zero-width characters, which a spreadsheet ignores."""
    if isinstance(value, str) and INVISIBLE_PREFIX.sub("", value).startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def export_header(content: ModelContent) -> list[str]:
    header = [
        _("企业名称"),
        _("企业类型"),
        _("所在省份"),
        _("城市级别"),
        _("技师人数"),
        _("年工单量"),
        _("评估编号"),
        _("评估方式"),
        _("提交日期"),
        _("模型版本"),
        _("诊断段位"),
        _("顾问确认段位"),
        _("指标验证段位"),
    ]
    header += [_("Level %(n)d 勾选数") % {"n": level.number} for level in content.levels]
    header += [_("达到判定标准"), _("过渡期"), _("答案不一致"), _("建议复核")]
    header += [
        f"{metric.name}({metric.unit})" if metric.unit else metric.name
        for metric in content.metrics
    ]
    header += [_("维度:%(name)s") % {"name": d.name} for d in content.profile_dimensions]
    # Rules v2 and the official level (added at the end: earlier columns keep their places).
    header += [_("正式段位"), _("自测清单段位"), _("越级"), _("暂定"), _("规则版本")]
    return header


def _yes_no(flag) -> str:
    return _("是") if flag else _("否")


def _metric_cell(metric, value):
    if value is None:
        return ""
    if value == UNKNOWN:
        return _("不清楚")
    if metric.type == MetricType.BOOLEAN:
        return _yes_no(value)
    return value


def export_row(assessment, content: ModelContent) -> list:
    company = assessment.company
    diagnosis = assessment.diagnosis
    payload = diagnosis.payload or {}
    counts = payload.get("checklist_counts") or {}
    profile = payload.get("dimension_profile") or {}
    submitted = timezone.localtime(assessment.submitted_at) if assessment.submitted_at else None
    row = [
        company.name,
        company.get_type_display(),
        company.get_province_display(),
        company.get_city_tier_display(),
        company.technicians,
        company.annual_work_orders,
        str(assessment.pk),
        assessment.get_kind_display(),
        submitted.strftime("%Y-%m-%d") if submitted else "",
        assessment.model_version.version,
        diagnosis.level if diagnosis.level is not None else "",
        getattr(assessment, "confirmed_level", None) or "",
        diagnosis.indicator_level if diagnosis.indicator_level is not None else "",
    ]
    row += [int(counts.get(str(level.number), 0)) for level in content.levels]
    row += [
        _yes_no(diagnosis.determined),
        _yes_no(diagnosis.transition),
        _yes_no(diagnosis.inconsistent),
        _yes_no(diagnosis.needs_review),
    ]
    row += [
        _metric_cell(metric, assessment.indicators.get(metric.code)) for metric in content.metrics
    ]
    row += [profile.get(d.code, "") for d in content.profile_dimensions]
    confirmed = getattr(assessment, "confirmed_level", None)
    row += [
        confirmed or (diagnosis.level if diagnosis.level is not None else ""),
        diagnosis.checklist_level if diagnosis.checklist_level is not None else "",
        _yes_no(diagnosis.skipped),
        _yes_no(diagnosis.provisional and not confirmed),
        diagnosis.rules_version,
    ]
    return [neutralise(cell) for cell in row]


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def csv_lines(header: Sequence, rows: Iterable[Sequence]) -> Iterator[str]:
    """The CSV text line by line (for a streaming response), with a BOM for Excel."""
    # Every text field quoted: a cell like "Acme;=cmd" stays one cell even where the
    # spreadsheet splits on semicolons. Numbers stay unquoted numbers.
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_NONNUMERIC)
    yield "\ufeff" + writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        yield writer.writerow(row)


# ---------------------------------------------------------------------------------------------
# XLSX (SpreadsheetML)
# ---------------------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    "</styleSheet>"
)


def _workbook(sheet_name: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{_xml(sheet_name[:31])}" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    )


def _xml(text: str) -> str:
    return escape(_NOT_XML.sub("", text), {'"': "&quot;"})


def column_name(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(65 + remainder) + name
    return name


def _cell(ref: str, value, style: int = 0) -> str:
    s = f' s="{style}"' if style else ""
    if isinstance(value, bool):
        value = _yes_no(value)
    if isinstance(value, int | float):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    text = _xml("" if value is None else str(value))
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _row(number: int, values: Sequence, style: int = 0) -> str:
    cells = "".join(
        _cell(f"{column_name(i)}{number}", value, style)
        for i, value in enumerate(values)
        if value not in ("", None)
    )
    return f'<row r="{number}">{cells}</row>'


def xlsx_bytes(header: Sequence, rows: Iterable[Sequence], sheet_name: str = "export") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("xl/workbook.xml", _workbook(sheet_name))
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        package.writestr("xl/styles.xml", _STYLES)
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                b'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>'
            )
            sheet.write(_row(1, [neutralise(cell) for cell in header], style=1).encode())
            for number, row in enumerate(rows, start=2):
                sheet.write(_row(number, row).encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()
