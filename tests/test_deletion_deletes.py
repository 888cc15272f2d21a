"""Deletion that deletes (issue 13): after an account is deleted, its name, email, mobile and IP
addresses appear in no table and no cached file. Before: the company contact fields it filled,
the signer name typed on its reviews (and in cached PDFs), and the addresses in the audit log
stayed."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from assessments import privacy
from assessments.models import ReportFile
from tests.factories import (
    COMPANY_FIELDS,
    PASSWORD,
    make_assessment,
    make_company,
    make_consultant,
    make_review,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=False)

NAME = "赵删除"
MOBILE = "13912345678"
ADDRESS = "203.0.113.77"


def everything_stored() -> str:
    """Every row of every model (dumpdata) plus the database cache table, as text."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out, format="json")
    text = out.getvalue()
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM app_cache")
        text += "\n".join(f"{key} {value}" for key, value in cursor.fetchall())
    return text


def traces(text: str, *needles: str) -> list[str]:
    lowered = text.lower()
    return [needle for needle in needles if needle.lower() in lowered]


def test_deleting_a_manager_leaves_no_trace(client, content):
    email = "zhao.manager@example.com"
    manager = make_user(email)
    company = make_company(
        owner=manager,
        **{
            **COMPANY_FIELDS,
            "contact_name": NAME,
            "contact_mobile": MOBILE,
            "contact_email": email.upper(),
        },
    )
    assessment = make_assessment(company, manager, content)
    client.post("/accounts/login/", {"username": email, "password": "wrong"}, REMOTE_ADDR=ADDRESS)
    client.force_login(manager)
    client.get(reverse("assessment_result", args=[assessment.pk]), REMOTE_ADDR=ADDRESS)
    client.get(reverse("assessment_report_pdf", args=[assessment.pk]), REMOTE_ADDR=ADDRESS)
    before = everything_stored()
    assert traces(before, NAME, email, MOBILE, ADDRESS) == [NAME, email, MOBILE, ADDRESS]
    assert ReportFile.objects.filter(assessment=assessment).exists()

    response = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == 302

    assert traces(everything_stored(), NAME, email, MOBILE, ADDRESS) == []
    assert not ReportFile.objects.filter(assessment=assessment).exists()


def test_deleting_a_consultant_removes_their_signer_name_everywhere(client, content):
    owner = make_user()
    company = make_company(owner=owner)
    assessment = make_assessment(company, owner, content, checklist=["L2.1", "L2.2", "L2.3"])
    consultant = make_consultant("zhao.consultant@example.com", clients=[company])
    make_review(assessment, consultant, signer_name=NAME, sign=True)
    client.force_login(owner)
    assert NAME in client.get(reverse("assessment_result", args=[assessment.pk])).content.decode()
    client.get(reverse("assessment_report_pdf", args=[assessment.pk]))
    assert ReportFile.objects.filter(assessment=assessment).exists()
    assert NAME in everything_stored()

    privacy.delete_account(consultant)

    assert traces(everything_stored(), NAME, "zhao.consultant@example.com") == []
    assert not ReportFile.objects.filter(assessment=assessment).exists()
    page = client.get(reverse("assessment_result", args=[assessment.pk])).content.decode()
    assert NAME not in page and privacy.DELETED_NAME in page


def test_the_privacy_export_lists_every_place(client):
    user = make_user()
    client.force_login(user)
    data = client.get(reverse("account_data")).json()
    places = data["where_personal_data_is_kept"]
    for place in ("company_contact", "reviews", "report_pdfs", "audit_log", "login_failures"):
        assert place in places
    assert "failed_sign_ins" in data and "signed_reviews" in data
