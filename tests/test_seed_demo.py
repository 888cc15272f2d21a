"""seed_demo: the demo users and assessments, idempotent, one JSON object as the last line."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from assessments.models import Assessment, ConsultantGrant, Review
from assessments.selectors import latest_signed_review

pytestmark = pytest.mark.django_db


def run() -> dict:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return json.loads(out.getvalue().strip().splitlines()[-1])


def test_seed_demo_creates_the_demo_world_and_is_idempotent(content):
    summary = run()
    users = {user["username"]: user for user in summary["users"]}
    assert set(users) == {"manager-a", "manager-b", "colleague-a", "consultant-a", "consultant-x"}
    company_a = users["manager-a"]["company"]
    assert users["colleague-a"] == {
        "username": "colleague-a",
        "role": "colleague",
        "company": company_a,
    }
    assert users["manager-b"]["role"] == "manager"
    assert users["consultant-a"] == {
        "username": "consultant-a",
        "role": "consultant",
        "clients": [company_a],
    }
    assert users["consultant-x"]["clients"] == []

    entries = summary["assessments"]
    assert {entry.keys() == {"id", "company", "level", "url", "pdf_url"} for entry in entries} == {
        True
    }
    of_a = [entry for entry in entries if entry["company"] == company_a]
    assert sorted(entry["level"] for entry in of_a) == [2, 3]  # progress from L2 to L3
    current = Assessment.objects.get(pk=of_a[0]["id"])
    earlier = Assessment.objects.get(pk=of_a[1]["id"])
    assert current.diagnosis.level == 3 and earlier.diagnosis.level == 2
    assert (current.submitted_at - earlier.submitted_at).days > 200
    review = latest_signed_review(current)
    assert review is not None and review.reviewer.username == "consultant-a"
    assert entries[0]["url"] == f"/assessments/{current.pk}/result/"

    again = run()
    assert again == summary
    assert Assessment.objects.count() == 4  # three submitted, A's open draft
    assert Review.objects.count() == 1
    assert ConsultantGrant.objects.count() == 1


def test_seed_demo_leaves_an_open_draft_of_company_a(content):
    summary = run()
    company_a = next(u["company"] for u in summary["users"] if u["username"] == "manager-a")
    assert [set(entry) for entry in summary["drafts"]] == [{"id", "company", "url"}]
    entry = summary["drafts"][0]
    draft = Assessment.objects.get(pk=entry["id"])
    assert entry["company"] == company_a == draft.company.name
    assert entry["url"] == f"/assessments/{draft.pk}/step/1/"
    assert draft.is_draft and draft.submitted_at is None
    assert draft.checklist and draft.indicators  # a few answers filled
    assert len(draft.indicators) < len(content.metrics)  # but not all
    # Every key the summary had before is still there.
    assert {"users", "assessments", "drafts"} <= set(summary)
    # The draft opens for A's manager as the first step.
    from django.test import Client

    client = Client()
    client.force_login(draft.company.memberships.get(role="owner").user)
    assert client.get(entry["url"]).status_code == 200
