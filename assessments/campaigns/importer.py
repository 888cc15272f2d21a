"""Reading and validating a campaign's store list (CSV or XLSX), the whole file at once.

Nothing here writes: `parse_store_list` returns either every valid row or every error (row
number, column, plain message), and `services.import_stores` stores the rows only when there is
no error at all. Row numbers are the spreadsheet's (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import CompanyType, Province

MAX_ROWS = 10_000
MAX_BYTES = 10 * 1024 * 1024

# Column key → (the Chinese header, the English header, required). The template files use the
# Chinese headers; both spellings (and a few common variants) are accepted.
COLUMNS = {
    "store_name": ("门店名称", "name", True),
    "type": ("企业类型", "type", True),
    "province": ("所在省份", "province", True),
    "city": ("城市", "city", True),
    "contact_name": ("联系人", "contact name", True),
    "email": ("邮箱", "email", True),
    "mobile": ("手机", "mobile", True),
    "region": ("区域", "region", False),
}
HEADER_ALIASES = {
    "store name": "store_name",
    "门店": "store_name",
    "企业名称": "store_name",
    "类型": "type",
    "省份": "province",
    "省": "province",
    "contact": "contact_name",
    "e-mail": "email",
    "电子邮箱": "email",
    "手机号": "mobile",
    "手机号码": "mobile",
    "phone": "mobile",
}
COLUMN_LABELS = {
    "store_name": gettext_lazy("门店名称"),
    "type": gettext_lazy("企业类型"),
    "province": gettext_lazy("所在省份"),
    "city": gettext_lazy("城市"),
    "contact_name": gettext_lazy("联系人"),
    "email": gettext_lazy("邮箱"),
    "mobile": gettext_lazy("手机"),
    "region": gettext_lazy("区域"),
    "": gettext_lazy("整个文件"),
}
MAX_LENGTHS = {"store_name": 100, "city": 50, "contact_name": 50}
MOBILE = re.compile(r"^1[3-9]\d{9}$")


@dataclass(frozen=True)
class StoreRow:
    row_number: int
    store_name: str
    type: str
    province: str
    city: str
    contact_name: str
    email: str
    mobile: str
    region: object = None  # a GroupRegion, or None


@dataclass(frozen=True)
class RowError:
    row_number: int  # 0: the file as a whole
    column: str  # a COLUMNS key, or "" for the file
    message: str

    @property
    def column_label(self) -> str:
        return str(COLUMN_LABELS.get(self.column, self.column))


@dataclass
class ParsedList:
    rows: list[StoreRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


class UnreadableFile(Exception):
    """The file is neither a CSV in a known encoding nor an XLSX workbook."""


def _key(text) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).strip().lower()


def _choice_map(choices) -> dict[str, str]:
    """Every spelling of a choice people type: its code, its Chinese and English labels, and a
    province without its suffix (浙江 for 浙江省)."""
    spellings = {}
    for value, label in choices.choices:
        spellings[_key(value)] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                text = _key(str(label))
            spellings[text] = value
            for suffix in (
                "省",
                "市",
                "壮族自治区",
                "回族自治区",
                "维吾尔自治区",
                "自治区",
                "特别行政区",
            ):
                if text.endswith(suffix) and len(text) > len(suffix) + 1:
                    spellings.setdefault(text[: -len(suffix)], value)
            spellings.setdefault(text.replace(" ", "_"), value)
    return spellings


def _header_key(text) -> str | None:
    key = _key(text).replace("_", " ").replace("*", "").strip()
    for column, (zh, en, _required) in COLUMNS.items():
        if key in (zh, en, column.replace("_", " ")):
            return column
    return HEADER_ALIASES.get(key)


def read_table(content: bytes, filename: str) -> list[list[str]]:
    """The file's cells, row by row, as text (a CSV in UTF-8 with or without BOM or GB18030,
    or the first sheet of an XLSX workbook)."""
    if filename.lower().endswith(".xlsx") or content[:2] == b"PK":
        return _read_xlsx(content)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise UnreadableFile
    if "\x00" in text:
        raise UnreadableFile
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:  # a field longer than csv allows, a stray NUL …
        raise UnreadableFile from error


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # a zip that is not a workbook, a damaged file …
        raise UnreadableFile from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(value) for value in values])
            if len(rows) > MAX_ROWS + 2:
                break
        return rows
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a mobile number Excel stored as a number
    return str(value)


def parse_store_list(
    content: bytes,
    filename: str,
    *,
    regions: dict | None = None,
    existing_emails: set[str] = frozenset(),
    existing_stores: set[tuple[str, str]] = frozenset(),
) -> ParsedList:
    """Validate the whole list. ``regions`` maps a region name to the group's GroupRegion;
    ``existing_*`` are the campaign's rows already imported (lower-cased email; name, city)."""
    result = ParsedList()
    if len(content) > MAX_BYTES:
        result.errors.append(RowError(0, "", _("文件太大(最多 10 MB)。")))
        return result
    try:
        table = read_table(content, filename)
    except UnreadableFile:
        result.errors.append(
            RowError(0, "", _("无法读取这个文件。请上传 CSV(UTF-8 或 GB18030 编码)或 XLSX 文件。"))
        )
        return result
    while table and not any(cell.strip() for cell in table[0]):
        table.pop(0)
    if not table:
        result.errors.append(RowError(0, "", _("文件是空的。")))
        return result
    header = [_header_key(cell) for cell in table[0]]
    missing = [
        column
        for column, (_zh, _en, required) in COLUMNS.items()
        if required and column not in header
    ]
    if missing:
        result.errors.append(
            RowError(
                1,
                "",
                _("缺少列:%(columns)s。请使用模板文件的表头。")
                % {"columns": "、".join(str(COLUMN_LABELS[c]) for c in missing)},
            )
        )
        return result
    data = [
        (number, cells)
        for number, cells in enumerate(table[1:], start=2)
        if any(str(cell).strip() for cell in cells)
    ]
    if len(data) > MAX_ROWS:
        result.errors.append(
            RowError(
                0,
                "",
                _("文件有 %(count)s 行门店,超过上限 %(limit)s 行。请分成几个文件上传。")
                % {"count": len(data), "limit": MAX_ROWS},
            )
        )
        return result
    if not data:
        result.errors.append(RowError(0, "", _("文件里没有门店行。")))
        return result
    types = _choice_map(CompanyType)
    provinces = _choice_map(Province)
    region_map = {_key(name): region for name, region in (regions or {}).items()}
    seen_emails: dict[str, int] = {}
    seen_stores: dict[tuple[str, str], int] = {}
    for number, cells in data:
        values = {}
        for index, column in enumerate(header):
            if column and column not in values:
                cell = cells[index] if index < len(cells) else ""
                values[column] = unicodedata.normalize("NFKC", str(cell)).strip()
        row_errors = []

        def error(column, message, number=number, row_errors=row_errors):
            row_errors.append(RowError(number, column, message))

        for column, (_zh, _en, required) in COLUMNS.items():
            value = values.get(column, "")
            if required and not value:
                error(column, _("必填,不能为空。"))
            elif column in MAX_LENGTHS and len(value) > MAX_LENGTHS[column]:
                error(column, _("太长(最多 %(max)s 个字)。") % {"max": MAX_LENGTHS[column]})
            elif any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):
                error(column, _("只能是一行文字,不能包含换行或控制字符。"))
        type_code = types.get(_key(values.get("type")))
        if values.get("type") and type_code is None:
            error("type", _("无法识别的企业类型“%(value)s”。") % {"value": values["type"]})
        province_code = provinces.get(_key(values.get("province")))
        if values.get("province") and province_code is None:
            error("province", _("无法识别的省份“%(value)s”。") % {"value": values["province"]})
        email = values.get("email", "").lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                error("email", _("邮箱地址格式不正确。"))
                email = ""
        mobile = re.sub(r"[\s-]", "", values.get("mobile", ""))
        if mobile.startswith("+86"):
            mobile = mobile[3:]
        elif mobile.startswith("86") and len(mobile) == 13:
            mobile = mobile[2:]
        if values.get("mobile") and not MOBILE.match(mobile):
            error("mobile", _("请输入有效的中国大陆手机号码(11位,以1开头)。"))
        region = None
        if values.get("region"):
            region = region_map.get(_key(values["region"]))
            if region is None:
                error(
                    "region",
                    _("集团没有“%(value)s”这个区域(可用:%(names)s)。")
                    % {
                        "value": values["region"],
                        "names": "、".join(regions or {}) or _("无"),
                    },
                )
        if email:
            if email in existing_emails:
                error("email", _("这个邮箱已在本次活动的门店名单中。"))
            elif email in seen_emails:
                error(
                    "email",
                    _("与第 %(row)s 行的邮箱重复。") % {"row": seen_emails[email]},
                )
            else:
                seen_emails[email] = number
        store_key = (_key(values.get("store_name")), _key(values.get("city")))
        if all(store_key):
            if store_key in existing_stores:
                error("store_name", _("同城市的同名门店已在本次活动的名单中。"))
            elif store_key in seen_stores:
                error(
                    "store_name",
                    _("与第 %(row)s 行是同一城市的同名门店。") % {"row": seen_stores[store_key]},
                )
            else:
                seen_stores[store_key] = number
        if row_errors:
            result.errors.extend(row_errors)
            continue
        result.rows.append(
            StoreRow(
                row_number=number,
                store_name=values["store_name"],
                type=type_code,
                province=province_code,
                city=values["city"],
                contact_name=values["contact_name"],
                email=email,
                mobile=mobile,
                region=region,
            )
        )
    if result.errors:
        result.rows = []
    return result


TEMPLATE_HEADER = [COLUMNS[c][0] for c in COLUMNS]
TEMPLATE_EXAMPLE = [
    "杭州滨江4S店",
    "4S店",
    "浙江省",
    "杭州",
    "王经理",
    "wang@example.com",
    "13800001111",
    "",
]


def template_csv() -> bytes:
    """The template file as CSV (UTF-8 with BOM, which Excel opens correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(TEMPLATE_HEADER)
    writer.writerow(TEMPLATE_EXAMPLE)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "门店名单"
    sheet.append(TEMPLATE_HEADER)
    sheet.append(TEMPLATE_EXAMPLE)
    for column in ("A", "B", "C", "D", "E", "F", "G", "H"):
        sheet.column_dimensions[column].width = 18
    # Mobile numbers as text, so Excel keeps all 11 digits.
    for cell in sheet["G"]:
        cell.number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
