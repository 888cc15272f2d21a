"""A complete, honest audit trail (issue 13): views answer only the methods they serve (405,
nothing recorded); invitation grants and exports carry their companies (one event per company
exported); refusals are filed under the *target* company and limited per actor; a refused reuse
is recorded as refused; old events are purged after AUDIT_RETENTION_DAYS."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from assessments.consultants import services as consultant_services
from assessments.models import AuditEvent, ConsultantGrant
from tests.factories import make_assessment, make_company, make_consultant, make_user
from tests.test_access_matrix import MATRIX, url_patterns

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(content):
    owner = make_user()
    company = make_company(owner=owner)
    submitted = make_assessment(company, owner, content, checklist=["L2.1", "L2.2", "L2.3"])
    return {"owner": owner, "company": company, "submitted": submitted}


@pytest.mark.parametrize("method", ["put", "patch", "delete", "options"])
def test_a_result_page_answers_only_get_and_head(client, world, method):
    """Before: PUT/PATCH/DELETE/OPTIONS returned the full page (200), unrecorded."""
    client.force_login(world["owner"])
    url = reverse("assessment_result", args=[world["submitted"].pk])
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert b"<html" not in response.content.lower()
    assert not AuditEvent.objects.exists()


def test_every_function_view_refuses_methods_it_does_not_serve(client, world):
    """Every URL of the project, PUT and DELETE: 405 (class-based views included)."""
    client.force_login(world["owner"])
    failures = []
    for name, route, _converters, top in url_patterns():
        if top == "admin" or not name or "<" in route:
            continue
        url = "/" + route.replace("^", "").replace("$", "")
        for method in ("put", "delete"):
            status = getattr(client, method)(url).status_code
            if status not in (405, 404):
                failures.append(f"{method.upper()} {url} ({name}): {status}")
    kwargs_of = {"company_id": world["company"].pk, "assessment_id": world["submitted"].pk}
    for name, (_method, params, _access) in MATRIX.items():
        if not set(params) <= set(kwargs_of) | {"step"}:
            continue
        url = reverse(name, kwargs={k: kwargs_of.get(k, 1) for k in params})
        for method in ("put", "patch", "delete"):
            status = getattr(client, method)(url).status_code
            if status != 405:
                failures.append(f"{method.upper()} {url} ({name}): {status}")
    assert not failures, "\n".join(failures)


def test_an_invitation_grant_is_recorded_with_its_company(client, world):
    consultant = make_consultant()
    invitation = consultant_services.invite_consultant(
        company=world["company"],
        email="new@example.com",
        invited_by=world["owner"],
        site_url="http://t",
    ).invitation
    client.force_login(consultant)
    client.post(reverse("invitation_accept", args=[invitation.token]))
    event = AuditEvent.objects.get(action="grant")
    assert event.company == world["company"]
    assert event.actor == consultant


def test_a_refused_reuse_is_recorded_as_refused(client, world):
    """Before: reusing a spent invitation link was recorded as a grant."""
    invitation = consultant_services.invite_consultant(
        company=world["company"],
        email="new@example.com",
        invited_by=world["owner"],
        site_url="http://t",
    ).invitation
    first, second = make_consultant(), make_consultant()
    client.force_login(first)
    client.post(reverse("invitation_accept", args=[invitation.token]))
    client.force_login(second)
    client.post(reverse("invitation_accept", args=[invitation.token]))
    assert not ConsultantGrant.objects.filter(consultant=second).exists()
    refused = AuditEvent.objects.get(actor=second)
    assert refused.action == "refused"
    assert refused.company == world["company"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_export_records_one_event_per_company(client, content, kind):
    """Before: one event with no company at all."""
    companies = [make_company(), make_company()]
    for company in companies:
        make_assessment(company, company.memberships.get().user, content)
    consultant = make_consultant(clients=companies)
    client.force_login(consultant)
    response = client.get(reverse(f"consultant_export_{kind}"))
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    events = AuditEvent.objects.filter(action="export", actor=consultant)
    assert sorted(e.company_id for e in events) == sorted(c.pk for c in companies)


def test_a_refusal_is_filed_under_the_target_company(client, world):
    """Before: company A's grant requested under attacker B's URL was filed under B."""
    granted = make_consultant(clients=[world["company"]])
    grant = ConsultantGrant.objects.get(consultant=granted)
    attacker = make_user()
    own = make_company(owner=attacker)
    client.force_login(attacker)
    response = client.post(reverse("grant_revoke", args=[own.pk, grant.pk]))
    assert response.status_code == 404
    event = AuditEvent.objects.get(action="refused")
    assert event.company == world["company"]
    # ... where the target company's owner sees it.
    client.force_login(world["owner"])
    page = client.get(reverse("company_audit", args=[world["company"].pk])).content.decode()
    assert attacker.email in page


@override_settings(REFUSED_AUDIT_RATE_LIMIT=3)
def test_refusals_are_limited_per_actor(client, world):
    """Before: anyone signed in could add unlimited rows to another company's log."""
    client.force_login(make_user())
    url = reverse("assessment_result", args=[world["submitted"].pk])
    for _ in range(10):
        assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(action="refused", company=world["company"]).count() == 3


@override_settings(AUDIT_RETENTION_DAYS=30)
def test_old_events_are_purged(world):
    old = AuditEvent.objects.create(action="view", target="x", path="/old")
    AuditEvent.objects.filter(pk=old.pk)  # rows are append-only for the app; age it directly:
    from django.db import models

    models.QuerySet.update(
        AuditEvent.objects.filter(pk=old.pk), at=timezone.now() - timedelta(days=31)
    )
    recent = AuditEvent.objects.create(action="view", target="x", path="/new")
    call_command("purge_audit_log")
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent.pk]


def test_signing_up_through_an_invitation_records_the_grant_with_its_company(client, world):
    invitation = consultant_services.invite_consultant(
        company=world["company"],
        email="fresh@example.com",
        invited_by=world["owner"],
        site_url="http://t",
    ).invitation
    response = client.post(
        reverse("consultant_signup"),
        {
            "invitation": invitation.token,
            "email": "fresh@example.com",
            "display_name": "新顾问",
            "password1": "correct-horse-battery-9",
            "password2": "correct-horse-battery-9",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="grant")
    assert event.company == world["company"]
    assert event.actor.email == "fresh@example.com"
