"""seed_demo: the demo users and assessments, idempotent, one JSON object as the last line —
including a signed review whose confirmed level differs from the computed one."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from assessments.models import Assessment, Company, ConsultantGrant, Review
from assessments.selectors import latest_signed_review

pytestmark = pytest.mark.django_db

ENTRY_KEYS = {
    "id",
    "company",
    "level",
    "url",
    "pdf_url",
    "computed_level",
    "confirmed_level",
    "justification",
}


def run() -> dict:
    out = StringIO()
    with override_settings(DEBUG=True):  # pytest-django runs with DEBUG off
        call_command("seed_demo", stdout=out)
    return json.loads(out.getvalue().strip().splitlines()[-1])


def test_seed_demo_creates_the_demo_world_and_is_idempotent(content):
    summary = run()
    users = {user["username"]: user for user in summary["users"]}
    assert set(users) == {
        "manager-a",
        "manager-b",
        "manager-c",
        "colleague-a",
        "consultant-a",
        "consultant-x",
        "group-admin",
    }
    company_a = users["manager-a"]["company"]
    company_c = users["manager-c"]["company"]
    id_a = users["manager-a"]["company_id"]
    assert Company.objects.get(pk=id_a).name == company_a
    assert users["colleague-a"] == {
        "username": "colleague-a",
        "role": "colleague",
        "company": company_a,
        "company_id": id_a,
    }
    for username in ("manager-a", "manager-b", "manager-c", "colleague-a"):
        user = users[username]
        company = Company.objects.get(pk=user["company_id"])
        assert company.name == user["company"]
        assert company.memberships.filter(user__username=username).exists()
    assert users["manager-b"]["role"] == "manager"
    assert users["consultant-a"]["role"] == "consultant"
    assert sorted(users["consultant-a"]["clients"]) == sorted([company_a, company_c])
    assert "company_id" not in users["consultant-a"]
    assert users["consultant-x"]["clients"] == []

    entries = summary["assessments"]
    assert all(entry.keys() == ENTRY_KEYS for entry in entries)
    for entry in entries:
        assessment = Assessment.objects.get(pk=entry["id"])
        review = latest_signed_review(assessment)
        assert entry["computed_level"] == entry["level"] == assessment.diagnosis.level
        if review is None:
            assert entry["confirmed_level"] is None and entry["justification"] is None
        else:
            assert entry["confirmed_level"] == review.confirmed_level
            assert entry["justification"] == review.justification

    of_a = [entry for entry in entries if entry["company"] == company_a]
    assert sorted(entry["level"] for entry in of_a) == [2, 3]  # progress from L2 to L3
    current = Assessment.objects.get(pk=of_a[0]["id"])
    earlier = Assessment.objects.get(pk=of_a[1]["id"])
    assert current.diagnosis.level == 3 and earlier.diagnosis.level == 2
    assert (current.submitted_at - earlier.submitted_at).days > 200
    review = latest_signed_review(current)
    assert review is not None and review.reviewer.username == "consultant-a"
    assert of_a[0]["confirmed_level"] == 3 and of_a[0]["justification"] == ""
    assert of_a[1]["confirmed_level"] is None
    assert entries[0]["url"] == f"/assessments/{current.pk}/result/"

    # A consultant's level that differs from the engine's, with its justification.
    overridden = [
        entry
        for entry in entries
        if entry["confirmed_level"] is not None
        and entry["confirmed_level"] != entry["computed_level"]
    ]
    assert overridden, "no signed review overrides the computed level"
    of_c = next(entry for entry in entries if entry["company"] == company_c)
    assert of_c in overridden
    assert (of_c["computed_level"], of_c["confirmed_level"]) == (3, 2)
    assert "55%" in of_c["justification"] and "Level 2" in of_c["justification"]
    assessment_c = Assessment.objects.get(pk=of_c["id"])
    assert assessment_c.company.type == "regional_chain"
    review_c = latest_signed_review(assessment_c)
    assert review_c.is_signed and review_c.level_differs
    assert review_c.computed_level == 3

    again = run()
    assert again == summary
    # A's two, B's, C's, and A's open draft; the demo network's 12 stores × T0 and T1.
    assert Assessment.objects.count() == 5 + 12 * 2
    assert Review.objects.count() == 2
    assert ConsultantGrant.objects.count() == 2


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


@override_settings(DEBUG=False)
def test_seed_demo_refuses_to_run_with_debug_off_unless_forced(content):
    """Before: it created accounts with the published password on a production server."""
    from django.contrib.auth import get_user_model

    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()
    call_command("seed_demo", "--force", "--password", "a-Private-one-77", stdout=StringIO())
    assert get_user_model().objects.filter(username="manager-a").exists()
