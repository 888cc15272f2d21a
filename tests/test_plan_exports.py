"""The plan's exports: XLSX (one row per action) and an RFC 5545 calendar of milestones."""

import datetime
import io
import re
import zipfile

import pytest
from django.urls import reverse

from assessments import plan_services
from assessments.models import ActionPlan, AuditEvent
from assessments.plan_export import escape_text, fold
from tests.factories import make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(client, content):
    owner = make_user()
    company = make_company(owner, name="鲁中汽修", type="independent", technicians=12)
    assessment = make_assessment(company, owner, content, checklist=["L1.1", "L1.2", "L1.3"])
    client.force_login(owner)
    client.post(reverse("assessment_plan", args=[assessment.pk]))
    plan = ActionPlan.objects.get(assessment=assessment)
    first = plan.actions.order_by("position").first()
    plan_services.update_action(
        first, owner_name="李店长", due_date=datetime.date(2027, 3, 1), notes="=HYPERLINK(1)"
    )
    plan_services.add_free_action(
        plan, title="门店例会; 张贴SOP, 逐项检查\n第二行", due_date=datetime.date(2027, 4, 15)
    )
    return plan


def sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("xl/worksheets/sheet1.xml").decode()


def test_xlsx_has_one_row_per_action_with_owner_date_and_reasons(client, plan):
    response = client.get(reverse("plan_export_xlsx", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    xml = sheet_xml(response.content)
    rows = re.findall(r"<row r=\"(\d+)\"", xml)
    assert len(rows) == 1 + plan.actions.count() == 7
    assert "李店长" in xml and "2027-03-01" in xml
    assert "选用轻量SaaS版DMS" in xml  # the top action of a county shop
    assert "推动 Level 2" in xml  # why here
    assert "'=HYPERLINK(1)" in xml  # a formula-looking note is neutralised
    assert "门店例会" in xml
    assert AuditEvent.objects.filter(target="plan_export_xlsx", action="export").count() == 1


def test_ics_is_rfc5545_with_one_event_per_dated_action(client, plan):
    response = client.get(reverse("plan_export_ics", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
    unfolded = text.replace("\r\n ", "")
    assert unfolded.count("BEGIN:VEVENT") == plan.actions.count() == 6
    assert "DTSTART;VALUE=DATE:20270301" in unfolded
    assert "DTEND;VALUE=DATE:20270302" in unfolded
    assert "SUMMARY:里程碑:门店例会\\; 张贴SOP\\, 逐项检查\\n第二行" in unfolded
    assert "负责人:李店长" in unfolded
    uids = re.findall(r"^UID:(.+)$", unfolded, re.M)
    assert len(uids) == len(set(uids)) == 6
    assert AuditEvent.objects.filter(target="plan_export_ics", action="export").count() == 1


def test_text_escaping_and_folding():
    assert escape_text("a\\b;c,d\r\ne\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    line = "SUMMARY:" + "数字化" * 40
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(part.encode()) <= 75 for part in parts)
    assert fold("short") == "short"
