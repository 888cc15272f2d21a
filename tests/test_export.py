"""The consultant's CSV and XLSX exports: content, filters, and formula neutralisation."""

import csv
import io
import zipfile
from xml.etree import ElementTree

import pytest

from assessments.export import column_name, neutralise, xlsx_bytes
from tests.factories import make_assessment, make_company, make_consultant, make_review, make_user

pytestmark = pytest.mark.django_db

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


@pytest.mark.parametrize(
    "text", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")']
)
def test_formula_cells_are_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["普通文本", "a=b", "1-2", "", 5, -3, 2.5, None])
def test_other_cells_are_left_alone(value):
    assert neutralise(value) == value


def test_column_names():
    assert [column_name(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


@pytest.fixture
def clients(content):
    consultant = make_consultant()
    owner = make_user()
    evil = make_company(owner=owner, name='=HYPERLINK("http://evil","x")', province="sichuan")
    first = make_assessment(evil, owner, content, checklist=["L1.1", "L1.2", "L1.3"])
    second = make_assessment(
        evil,
        owner,
        content,
        checklist=["L2.1", "L2.2", "L2.3"],
        indicators={"e_work_order_pct": 85, "has_unified_system": True},
    )
    other_owner = make_user()
    plain = make_company(owner=other_owner, name="普通企业", province="zhejiang")
    make_assessment(plain, other_owner, content, checklist=["L3.1", "L3.2", "L3.3"])
    make_assessment(plain, other_owner, content, submit=False)  # a draft: not exported
    hidden = make_company(name="未授权企业")
    make_assessment(hidden, hidden.memberships.get().user, content, checklist=["L1.1"])
    from assessments.consultants import services as consultant_services

    consultant_services.grant_access(company=evil, consultant=consultant, granted_by=owner)
    consultant_services.grant_access(company=plain, consultant=consultant, granted_by=other_owner)
    make_review(second, consultant, confirmed_level=3, justification="现场核实")
    return {"consultant": consultant, "first": first, "second": second}


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_csv_has_one_row_per_submitted_assessment(client, clients, content):
    client.force_login(clients["consultant"])
    response = client.get("/consultant/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    header, data = rows[0], rows[1:]
    assert len(data) == 3  # two of the evil company, one of the plain one; no draft, no stranger
    assert all(len(row) == len(header) for row in data)
    column = {name: i for i, name in enumerate(header)}
    for metric in content.metrics:
        assert any(metric.name in name for name in header), metric.code
    for dimension in content.profile_dimensions:
        assert f"维度:{dimension.name}" in column
    by_id = {row[column["评估编号"]]: row for row in data}
    second = by_id[str(clients["second"].pk)]
    assert second[column["企业名称"]] == '\'=HYPERLINK("http://evil","x")'  # neutralised
    assert second[column["诊断段位"]] == "2"
    assert second[column["顾问确认段位"]] == "3"
    assert second[column["Level 2 勾选数"]] == "3"
    assert second[column["所在省份"]] == "四川省"
    first = by_id[str(clients["first"].pk)]
    assert first[column["顾问确认段位"]] == ""
    assert "未授权企业" not in str(data)


def test_the_export_respects_the_dashboard_filters(client, clients):
    client.force_login(clients["consultant"])
    rows = read_csv(client.get("/consultant/export.csv?province=zhejiang"))
    assert [row[0] for row in rows[1:]] == ["普通企业"]
    rows = read_csv(client.get("/consultant/export.csv?q=nothing-matches"))
    assert rows[1:] == []


def test_the_xlsx_is_a_valid_workbook_with_the_same_rows(client, clients):
    client.force_login(clients["consultant"])
    response = client.get("/consultant/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    package = zipfile.ZipFile(io.BytesIO(response.content))
    assert {
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/worksheets/sheet1.xml",
        "xl/styles.xml",
    } <= set(package.namelist())
    sheet = ElementTree.fromstring(package.read("xl/worksheets/sheet1.xml"))  # noqa: S314 - our own output
    rows = sheet.findall(".//m:sheetData/m:row", NS)
    assert len(rows) == 4  # header + 3 assessments

    def cells(row):
        values = {}
        for cell in row.findall("m:c", NS):
            ref = cell.get("r").rstrip("0123456789")
            text = cell.find(".//m:t", NS)
            value = cell.find("m:v", NS)
            values[ref] = text.text if text is not None else float(value.text)
        return values

    header = cells(rows[0])
    data = [cells(row) for row in rows[1:]]
    names = {v: k for k, v in header.items()}
    names_col, level_col = names["企业名称"], names["诊断段位"]
    assert sorted(str(row[names_col]) for row in data)[0].startswith("'=HYPERLINK")
    assert all(not str(row[names_col]).startswith("=") for row in data)
    assert sorted(row[level_col] for row in data) == [1.0, 2.0, 3.0]  # numbers stay numbers


def test_xlsx_strips_characters_xml_cannot_hold():
    data = xlsx_bytes(["a"], [["ok\x00\x1fstill ok", 1]])
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    ElementTree.fromstring(sheet)  # noqa: S314 - well-formed, our own output
    assert b"okstill ok" in sheet


def test_managers_and_anonymous_cannot_export(client, clients):
    assert client.get("/consultant/export.csv")["Location"].startswith("/accounts/login/")
    owner = clients["first"].company.memberships.get().user
    client.force_login(owner)
    assert client.get("/consultant/export.csv").status_code == 404
    assert client.get("/consultant/export.xlsx").status_code == 404
