"""seed_demo: the demo users and assessments, idempotent, one JSON object as the last line."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from assessments.models import Assessment, ConsultantGrant, Review
from assessments.selectors import latest_signed_review

pytestmark = pytest.mark.django_db


def run() -> dict:
    out = StringIO()
    with override_settings(DEBUG=True):  # pytest-django runs with DEBUG off
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
    assert Assessment.objects.count() == 3
    assert Review.objects.count() == 1
    assert ConsultantGrant.objects.count() == 1


@override_settings(DEBUG=False)
def test_seed_demo_refuses_to_run_with_debug_off_unless_forced(content):
    """Before: it created accounts with the published password on a production server."""
    from django.contrib.auth import get_user_model

    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()
    call_command("seed_demo", "--force", "--password", "a-Private-one-77", stdout=StringIO())
    assert get_user_model().objects.filter(username="manager-a").exists()
