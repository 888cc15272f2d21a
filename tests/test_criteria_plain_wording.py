"""C1.3 "没有统一的管理系统" is evaluated on has_unified_system being false; its row reads plainly
("无统一系统 · 无统一系统 · 符合"), not as a double negative ("没有统一的管理系统 · 否 · 否")."""

import re
from html.parser import HTMLParser

import pytest

from tests.factories import make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db


class RowParser(HTMLParser):
    """Cell texts of every <tr> of the page."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.rows:
            self.rows[-1].append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def criterion_row(client, assessment, code, **headers) -> list[str]:
    parser = RowParser()
    response = client.get(f"/assessments/{assessment.pk}/result/", **headers)
    parser.feed(response.content.decode())
    return next(row for row in parser.rows if row and row[0] == code)


@pytest.mark.parametrize(
    ("has_system", "value", "status", "value_en", "status_en"),
    [
        (False, "无统一系统", "符合", "No unified system", "Met"),
        (True, "有统一系统", "不符合", "Unified system in place", "Not met"),
    ],
)
def test_the_c13_row_reads_plainly(client, content, has_system, value, status, value_en, status_en):
    user = make_user()
    company = make_company(owner=user, type="independent")
    assessment = make_assessment(
        company, user, content, checklist=["L1.1"], indicators={"has_unified_system": has_system}
    )
    client.force_login(user)
    code, text, shown, threshold, result = criterion_row(client, assessment, "C1.3")
    assert text.startswith("没有统一的管理系统")
    assert (shown, threshold, result) == (value, "无统一系统", status)
    # Other yes/no criteria keep 是/否 (their texts are affirmative).
    assert criterion_row(client, assessment, "C2.1")[3] == "是"

    row = criterion_row(client, assessment, "C1.3", HTTP_ACCEPT_LANGUAGE="en")
    assert row[1].startswith("No unified management system")
    assert row[2:] == [value_en, "No unified system", status_en]
