"""Brute-force protection and rate limits (ASVS 6.3, 2.4): lockout per account and per
address with a cool-off that expires; 429 past the rate limits."""

import json

import pytest
from django.test import override_settings

from config import throttle
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=3, LOGIN_FAILURES_PER_ADDRESS=100)
def test_an_account_locks_after_repeated_failures_even_with_the_right_password(client):
    user = make_user("victim@example.com")
    for n in range(3):
        attempt(client, user.email, "wrong", address=f"10.0.0.{n}")
    response = attempt(client, user.email, PASSWORD, address="10.0.9.9")
    assert response.status_code == 200
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=3, LOGIN_FAILURES_PER_ADDRESS=100)
def test_the_lockout_expires(client, monkeypatch):
    user = make_user("victim2@example.com")
    for _ in range(3):
        attempt(client, user.email, "wrong")
    assert throttle.locked_for("login-account", user.email) > 0
    real_time = throttle.time.time
    # 16 minutes later the stored lock's end lies in the past: only the clock moves (the login
    # form imported locked_for by name, so patching it here would never have been seen).
    monkeypatch.setattr(throttle.time, "time", lambda: real_time() + 16 * 60)
    response = attempt(client, user.email, PASSWORD)
    assert response.status_code == 302


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=100, LOGIN_FAILURES_PER_ADDRESS=3)
def test_an_address_locks_after_failures_on_many_accounts(client):
    make_user("someone@example.com")
    for n in range(3):
        attempt(client, f"guess{n}@example.com", "wrong", address="10.6.6.6")
    response = attempt(client, "someone@example.com", PASSWORD, address="10.6.6.6")
    assert "登录失败次数过多" in response.content.decode()
    # another address is not affected
    assert attempt(client, "someone@example.com", PASSWORD, address="10.7.7.7").status_code == 302


@override_settings(LOGIN_RATE_LIMIT=3)
def test_login_posts_are_rate_limited(client):
    for _ in range(3):
        attempt(client, "nobody@example.com", "x", address="10.1.1.1")
    response = attempt(client, "nobody@example.com", "x", address="10.1.1.1")
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "请求过于频繁" in response.content.decode()


@override_settings(SCORE_API_RATE_LIMIT=2)
def test_the_score_api_is_rate_limited(client):
    body = json.dumps({"checklist": ["L1.1"]})
    for _ in range(2):
        ok = client.post(
            "/api/v1/score", body, content_type="application/json", REMOTE_ADDR="10.2.2.2"
        )
        assert ok.status_code == 200
    limited = client.post(
        "/api/v1/score", body, content_type="application/json", REMOTE_ADDR="10.2.2.2"
    )
    assert limited.status_code == 429
    assert "errors" in limited.json()
    assert int(limited["Retry-After"]) > 0


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_counts():
    from django.test import RequestFactory

    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8"
    )
    assert throttle.client_address(request) == "5.6.7.8"


def test_without_a_proxy_forwarded_headers_are_ignored():
    from django.test import RequestFactory

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert throttle.client_address(request) == "10.0.0.254"
