"""Uploading a campaign's store list: CSV (UTF-8, BOM, GB18030) and XLSX, validated whole —
row-numbered errors, duplicates, nothing imported unless every row is valid, 10,000 rows at most."""

import pytest

from assessments.campaigns import importer, services
from assessments.models import CampaignStore
from tests.campaign_helpers import HEADER, csv_bytes, make_campaign, store_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def parse(content, filename="stores.csv", **kwargs):
    return importer.parse_store_list(content, filename, **kwargs)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")],
    ids=["utf-8", "utf-8-bom", "gb18030"],
)
def test_csv_in_every_encoding_excel_writes(encoding, prefix):
    parsed = parse(prefix + csv_bytes(store_rows(3), encoding=encoding))
    assert parsed.errors == []
    assert [row.store_name for row in parsed.rows] == [
        "store门店00001",
        "store门店00002",
        "store门店00003",
    ]
    first = parsed.rows[0]
    assert (first.type, first.province, first.city, first.mobile) == (
        "dealer_4s",
        "zhejiang",
        "杭州",
        "13800000001",
    )
    assert parsed.rows[1].type == "independent"
    assert parsed.rows[2].province == "shanghai"


def test_xlsx_with_english_headers_and_numeric_mobiles():
    rows = [["沪西店", "oem_direct", "Shanghai", "上海", "王", "A@Example.com", 13800001111]]
    header = ["name", "type", "province", "city", "contact name", "email", "mobile"]
    parsed = parse(xlsx_bytes(rows, header=header), "stores.xlsx")
    assert parsed.errors == []
    row = parsed.rows[0]
    assert (row.type, row.province, row.email, row.mobile) == (
        "oem_direct",
        "shanghai",
        "a@example.com",
        "13800001111",
    )


def test_every_error_listed_with_row_and_column():
    rows = store_rows(5)
    rows[1][5] = "not-an-email"  # row 3
    rows[3][1] = "汽修厂"  # row 5: unknown type
    rows[3][6] = "12345"  # row 5: bad mobile
    rows[4][0] = ""  # row 6: missing name
    parsed = parse(csv_bytes(rows))
    assert parsed.rows == []
    found = {(e.row_number, e.column) for e in parsed.errors}
    assert found == {(3, "email"), (5, "type"), (5, "mobile"), (6, "store_name")}
    message = next(e for e in parsed.errors if e.column == "type").message
    assert "汽修厂" in message


def test_duplicates_in_the_file():
    rows = store_rows(4)
    rows[2][5] = rows[0][5].upper()  # row 4 repeats row 2's email (any case)
    rows[3][0], rows[3][3] = rows[1][0], rows[1][3]  # row 5: same name and city as row 3
    parsed = parse(csv_bytes(rows))
    errors = {(e.row_number, e.column): e.message for e in parsed.errors}
    assert set(errors) == {(4, "email"), (5, "store_name")}
    assert "第 2 行" in errors[(4, "email")]
    assert "第 3 行" in errors[(5, "store_name")]


def test_missing_columns_named():
    parsed = parse(csv_bytes([["a", "b"]], header=["门店名称", "城市"]))
    assert len(parsed.errors) == 1
    assert "邮箱" in parsed.errors[0].message and "手机" in parsed.errors[0].message


def test_unreadable_file_is_refused_plainly():
    parsed = parse(b"PK\x03\x04 not really a workbook", "stores.xlsx")
    assert parsed.rows == [] and "无法读取" in parsed.errors[0].message


def test_region_column_matches_the_groups_regions():
    campaign = make_campaign()
    regions = {r.name: r for r in campaign.group.regions.all()}
    rows = [row + [region] for row, region in zip(store_rows(2), ["华东区", "西北区"], strict=True)]
    parsed = parse(csv_bytes(rows, header=HEADER + ["区域"]), regions=regions)
    assert [(e.row_number, e.column) for e in parsed.errors] == [(3, "region")]
    assert "西北区" in parsed.errors[0].message


def test_more_than_10000_rows_refused():
    parsed = parse(csv_bytes(store_rows(10_001)))
    assert parsed.rows == []
    assert "10001" in parsed.errors[0].message.replace(",", "")


def test_import_is_atomic_and_detects_rows_already_in_the_campaign():
    campaign = make_campaign()
    bad = store_rows(20)
    bad[6][5] = "broken"
    parsed = services.import_stores(campaign, content=csv_bytes(bad), filename="s.csv")
    assert not parsed.ok
    assert [e.row_number for e in parsed.errors] == [8]
    assert CampaignStore.objects.filter(campaign=campaign).count() == 0

    parsed = services.import_stores(campaign, content=csv_bytes(store_rows(20)), filename="s.csv")
    assert parsed.ok
    assert CampaignStore.objects.filter(campaign=campaign).count() == 20

    again = services.import_stores(campaign, content=csv_bytes(store_rows(2)), filename="s.csv")
    assert not again.ok
    assert {e.row_number for e in again.errors} == {2, 3}
    assert CampaignStore.objects.filter(campaign=campaign).count() == 20


def test_template_files_parse_cleanly():
    for content, name in ((importer.template_csv(), "t.csv"), (importer.template_xlsx(), "t.xlsx")):
        parsed = parse(content, name)
        assert parsed.errors == [], name
        assert parsed.rows[0].type == "dealer_4s"


def test_a_csv_the_csv_module_cannot_read_is_refused_plainly():
    huge_field = b'"' + b"x" * 200_000 + b'"'
    parsed = parse(csv_bytes(store_rows(1)) + huge_field + b",a\n")
    assert parsed.rows == [] and "无法读取" in parsed.errors[0].message


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_never_raise(seed):
    import random

    rng = random.Random(seed)
    content = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
    for name in ("s.csv", "s.xlsx"):
        parsed = parse(content, name)
        assert parsed.errors and not parsed.rows
