"""Sessions (ASVS 7): a new key at login, server-side logout, 30 minutes idle, 12 hours at most,
and a deactivated user is out at once."""

import time

import pytest
from django.contrib.sessions.models import Session

from config import security
from tests.factories import PASSWORD, make_company, make_user

pytestmark = pytest.mark.django_db


def log_in(client, user):
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client.session.session_key


def test_the_session_key_changes_at_login(client):
    user = make_user()
    client.get("/accounts/login/")
    client.session["probe"] = 1
    before = client.session.session_key
    after = log_in(client, user)
    assert before != after


def test_logout_ends_the_session_on_the_server(client):
    user = make_user()
    key = log_in(client, user)
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()


def test_idle_sessions_end_after_30_minutes(client, monkeypatch):
    user = make_user()
    make_company(owner=user)
    log_in(client, user)
    assert client.get("/workspace/").status_code == 302
    real = time.time
    monkeypatch.setattr(security.time, "time", lambda: real() + 31 * 60)
    response = client.get("/workspace/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_activity_keeps_a_session_alive_but_not_beyond_12_hours(client, monkeypatch):
    user = make_user()
    make_company(owner=user)
    log_in(client, user)
    real = time.time
    for minutes in (20, 40, 60):
        monkeypatch.setattr(security.time, "time", lambda m=minutes: real() + m * 60)
        response = client.get("/workspace/")
        assert "/accounts/login/" not in response["Location"]
    monkeypatch.setattr(security.time, "time", lambda: real() + 12 * 3600 + 60)
    assert client.get("/workspace/")["Location"].startswith("/accounts/login/")


def test_a_deactivated_user_is_out_at_the_next_request(client):
    user = make_user()
    company = make_company(owner=user)
    log_in(client, user)
    assert client.get(f"/companies/{company.pk}/").status_code == 200
    user.is_active = False
    user.save()
    response = client.get(f"/companies/{company.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
