"""The audit log: views, changes, downloads and refused attempts are recorded with actor,
company, object, action, time and address; it is append-only; managers see their company's."""

import pytest

from assessments.models import AppendOnlyError, AuditEvent
from tests.factories import make_assessment, make_colleague, make_company, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(content):
    owner = make_user()
    company = make_company(owner=owner)
    submitted = make_assessment(company, owner, content, checklist=["L2.1", "L2.2", "L2.3"])
    return {"owner": owner, "company": company, "submitted": submitted, "content": content}


def test_viewing_a_result_is_recorded(client, world):
    client.force_login(world["owner"])
    client.get(f"/assessments/{world['submitted'].pk}/result/", REMOTE_ADDR="10.9.8.7")
    event = AuditEvent.objects.get(action="view", target="assessment_result")
    assert event.actor == world["owner"]
    assert event.company == world["company"]
    assert event.object_id == str(world["submitted"].pk)
    assert event.address == "10.9.8.7"
    assert event.at is not None


def test_a_download_is_recorded(client, world):
    client.force_login(world["owner"])
    response = client.get(f"/assessments/{world['submitted'].pk}/report.pdf")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="download", company=world["company"]).count() == 1


def test_a_change_is_recorded(client, world):
    client.force_login(world["owner"])
    draft = make_assessment(world["company"], world["owner"], world["content"], submit=False)
    client.post(
        f"/assessments/{draft.pk}/step/1/",
        {"checklist": ["L1.1"], "action": "save", "revision": str(draft.revision)},
    )
    event = AuditEvent.objects.get(action="change")
    assert event.target == "assessment_step" and event.company == world["company"]


def test_a_refused_attempt_is_recorded_against_the_company(client, world):
    intruder = make_user()
    client.force_login(intruder)
    response = client.get(f"/assessments/{world['submitted'].pk}/result/")
    assert response.status_code == 404
    event = AuditEvent.objects.get(action="refused")
    assert event.actor == intruder
    assert event.company == world["company"]


def test_the_log_is_append_only(world):
    event = AuditEvent.objects.create(action="view", target="x", path="/x")
    event.action = "change"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(action="change")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_managers_see_who_accessed_their_company(client, world):
    colleague = make_colleague(world["company"])
    client.force_login(colleague)
    client.get(f"/assessments/{world['submitted'].pk}/result/")
    client.force_login(world["owner"])
    page = client.get(f"/companies/{world['company'].pk}/audit/")
    assert page.status_code == 200
    html = page.content.decode()
    assert colleague.email in html
    assert f"/assessments/{world['submitted'].pk}/result/" in html


def test_the_audit_page_is_for_members_only(client, world):
    client.force_login(make_user())
    assert client.get(f"/companies/{world['company'].pk}/audit/").status_code == 404


def test_public_pages_are_not_logged(client):
    client.get("/model/")
    client.get("/")
    assert not AuditEvent.objects.exists()


def test_a_made_up_company_id_is_logged_without_a_company(client):
    import uuid

    client.force_login(make_user())
    assert client.get(f"/companies/{uuid.uuid4()}/").status_code == 404
    event = AuditEvent.objects.get(action="refused")
    assert event.company is None
