"""A step posted after the session ended loses nothing: the input is kept in the browser's new
session, the login leads back to the step, and the step shows the input with a clear message.
Only the same browser gets it back, only for that page, and only after the access check."""

import time

import pytest
from django.test import Client

from config import security
from tests.factories import PASSWORD, make_company, make_user, start_draft, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client):
    return start_draft(client)


POSTED = {
    "revision": "0",
    "action": "next",
    "e_work_order_pct": "77",
    "has_unified_system": "yes",
    "paper_work_order_pct__unknown": "on",
}


def log_in(client, user):
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_a_post_after_the_session_cookie_is_gone_comes_back_after_logging_in(client, draft):
    owner = draft.created_by
    client.cookies.pop("sessionid")  # the session has ended: the browser has no session cookie
    response = client.post(step_url(draft, 2), POSTED)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={step_url(draft, 2)}"
    login_page = client.get(response["Location"]).content.decode()
    assert "会话已过期,已为你保留输入" in login_page

    back = client.post(
        f"/accounts/login/?next={step_url(draft, 2)}",
        {"username": owner.email, "password": PASSWORD, "next": step_url(draft, 2)},
    )
    assert back["Location"] == step_url(draft, 2)
    page = client.get(step_url(draft, 2)).content.decode()
    assert "会话已过期,已为你保留输入" in page
    assert 'value="77"' in page
    assert 'value="yes" checked' in page.replace(' id="id_has_unified_system_0"', "")
    assert "data-restored" in page
    draft.refresh_from_db()
    assert draft.indicators == {}  # kept, not saved behind the user's back
    # Shown once: the next visit shows what the server holds.
    assert 'value="77"' not in client.get(step_url(draft, 2)).content.decode()


def test_a_background_save_after_the_session_ended_is_kept_and_says_so(client, draft):
    client.cookies.pop("sessionid")
    response = client.post(
        step_url(draft, 2), {**POSTED, "action": "autosave"}, headers={"X-Requested-With": "fetch"}
    )
    assert response.status_code == 401
    body = response.json()
    assert body["expired"] is True
    assert body["login_url"] == f"/accounts/login/?next={step_url(draft, 2)}"
    assert body["message"].startswith("会话已过期,已为你保留输入")
    log_in(client, draft.created_by)
    assert 'value="77"' in client.get(step_url(draft, 2)).content.decode()


def test_an_idle_timeout_keeps_the_post_for_the_same_user_only(client, draft, monkeypatch):
    owner = draft.created_by
    real = time.time
    monkeypatch.setattr(security.time, "time", lambda: real() + 31 * 60)
    response = client.post(step_url(draft, 2), POSTED)
    assert response["Location"] == f"/accounts/login/?next={step_url(draft, 2)}"
    monkeypatch.undo()
    # Someone else signs in on this browser (a colleague with access): not theirs to see.
    colleague = make_user()
    from assessments.companies import services

    services.join_company(user=colleague, company=draft.company)
    log_in(client, colleague)
    assert 'value="77"' not in client.get(step_url(draft, 2)).content.decode()

    # The user whose session timed out gets it back.
    other_browser = Client()
    other_browser.force_login(owner)
    monkeypatch.setattr(security.time, "time", lambda: real() + 62 * 60)
    other_browser.post(step_url(draft, 2), POSTED)
    monkeypatch.undo()
    log_in(other_browser, owner)
    assert 'value="77"' in other_browser.get(step_url(draft, 2)).content.decode()


def test_kept_input_is_only_shown_on_the_page_it_was_posted_to(client, draft):
    client.cookies.pop("sessionid")
    client.post(step_url(draft, 2), POSTED)
    log_in(client, draft.created_by)
    step3 = client.get(step_url(draft, 3)).content.decode()
    assert "请核对后保存" not in step3 and "data-restored" not in step3
    assert 'value="77"' in client.get(step_url(draft, 2)).content.decode()


def test_a_stranger_cannot_collect_kept_input_of_a_draft_they_cannot_open(client, draft):
    client.cookies.pop("sessionid")
    client.post(step_url(draft, 2), POSTED)
    stranger = make_user()
    make_company(owner=stranger)
    log_in(client, stranger)
    assert client.get(step_url(draft, 2)).status_code == 404


def test_a_timed_out_post_to_any_other_page_still_just_goes_to_the_login(
    client, draft, monkeypatch
):
    company = draft.company
    real = time.time
    monkeypatch.setattr(security.time, "time", lambda: real() + 31 * 60)
    response = client.post(f"/companies/{company.pk}/edit/", {"name": "改过的名字"})
    monkeypatch.undo()
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/companies/{company.pk}/edit/"
    company.refresh_from_db()
    assert company.name != "改过的名字"
    assert "kept_step_input" not in client.session
