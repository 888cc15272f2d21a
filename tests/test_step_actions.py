"""Each button of a questionnaire step does one thing, and what it saves is on the server:
save (stay), back (save, previous step), next (save, next step when complete), submit (save,
then the diagnosis), autosave (JSON, no page)."""

import pytest

from tests.factories import start_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client):
    return start_draft(client)


def url(assessment, step):
    return f"/assessments/{assessment.pk}/step/{step}/"


def test_save_stays_on_the_step(client, draft):
    response = client.post(
        url(draft, 2), {"revision": "0", "action": "save", "e_work_order_pct": "40"}
    )
    assert response["Location"] == url(draft, 2)
    draft.refresh_from_db()
    assert draft.indicators == {"e_work_order_pct": 40}
    assert draft.current_step == 1


def test_back_saves_and_goes_to_the_previous_step(client, draft):
    response = client.post(url(draft, 3), {"revision": "0", "action": "back", "work_orders": "2"})
    assert response["Location"] == url(draft, 2)
    draft.refresh_from_db()
    assert draft.dimensions == {"work_orders": 2}


def test_back_with_an_invalid_value_stays_and_keeps_it(client, draft):
    response = client.post(
        url(draft, 2), {"revision": "0", "action": "back", "e_work_order_pct": "-5"}
    )
    assert response.status_code == 200
    assert 'value="-5"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.indicators == {}


def test_next_moves_on_when_the_step_is_complete(client, draft):
    response = client.post(
        url(draft, 1), {"revision": "0", "action": "next", "checklist": ["L1.2"]}
    )
    assert response["Location"] == url(draft, 2)
    draft.refresh_from_db()
    assert draft.current_step == 2 and draft.checklist == ["L1.2"]


def test_an_unknown_action_is_a_plain_save(client, draft):
    response = client.post(
        url(draft, 1), {"revision": "0", "action": "bogus", "checklist": ["L1.2"]}
    )
    assert response["Location"] == url(draft, 1)
    draft.refresh_from_db()
    assert draft.checklist == ["L1.2"]


def test_autosave_refuses_a_bad_value_with_a_message_that_names_the_field(client, draft):
    response = client.post(
        url(draft, 2),
        {"revision": "0", "action": "autosave", "e_work_order_pct": "150"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 400
    assert response.json()["message"] == "工单电子化率须在 0–100 之间"
    draft.refresh_from_db()
    assert draft.indicators == {} and draft.revision == 0


def test_autosave_reports_the_save_time_and_new_revision(client, draft):
    response = client.post(
        url(draft, 3),
        {"revision": "0", "action": "autosave", "work_orders": "3"},
        headers={"X-Requested-With": "fetch"},
    )
    body = response.json()
    draft.refresh_from_db()
    assert body["saved"] is True and body["revision"] == draft.revision == 1
    assert len(body["saved_at"]) == 8  # HH:MM:SS
    assert draft.dimensions == {"work_orders": 3}
