"""Brute-force protection (ASVS 6.3, 2.4) with django-axes: a lock per *account* whatever
identifier is typed, per address too, the admin login included; a lock lasts its cool-off or
until the password is reset; rate limits answer 429. Counters live where nothing evicts them."""

import json
import threading
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from assessments import throttle
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LIMIT = 3


def attempt(client, username, password, address="10.0.0.1", url="/accounts/login/"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_an_account_locks_after_repeated_failures_even_with_the_right_password(client):
    user = make_user("victim@example.com")
    for n in range(LIMIT):
        attempt(client, user.email, "wrong", address=f"10.0.0.{n}")
    response = attempt(client, user.email, PASSWORD, address="10.0.9.9")
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert not signed_in(client)


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_user_name_and_email_in_any_case_count_against_one_account(client):
    """Before: the user name and the email had separate counters (twice the guesses)."""
    user = make_user("Boss", email="boss@example.com")
    for n, typed in enumerate(["Boss", "BOSS@EXAMPLE.COM", "boss"]):
        attempt(client, typed, "wrong", address=f"10.1.0.{n}")
    assert attempt(client, "boss@example.com", PASSWORD, address="10.1.9.9").status_code == 429
    assert not signed_in(client)
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {f"account:{user.pk}"}


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_the_admin_login_is_locked_too(client):
    """Before: 40 wrong passwords a minute at /admin/login/, then a staff login succeeded."""
    get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    for n in range(LIMIT):
        attempt(client, "root", "wrong", address=f"10.2.0.{n}", url="/admin/login/")
    response = attempt(client, "root", PASSWORD, address="10.2.9.9", url="/admin/login/")
    assert response.status_code == 429
    assert not signed_in(client)
    # ... and the same lock holds on the app's login.
    assert attempt(client, "ROOT@example.com", PASSWORD, address="10.2.9.8").status_code == 429


@override_settings(LOGIN_RATE_LIMIT=3)
def test_admin_login_posts_are_rate_limited(client):
    for _ in range(3):
        attempt(client, "nobody", "x", address="10.3.3.3", url="/admin/login/")
    response = attempt(client, "nobody", "x", address="10.3.3.3", url="/admin/login/")
    assert response.status_code == 429
    assert "Retry-After" in response


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_a_password_reset_lifts_the_lock(client):
    user = make_user("locked@example.com")
    for n in range(LIMIT):
        attempt(client, user.email, "wrong", address=f"10.4.0.{n}")
    assert attempt(client, user.email, PASSWORD, address="10.4.9.9").status_code == 429
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    form_page = client.get(f"/accounts/reset/{uid}/{token}/", follow=True)
    set_url = form_page.redirect_chain[-1][0]
    new_password = "another-horse-battery-7"
    done = client.post(set_url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302 and "/reset/done/" in done["Location"]
    response = attempt(client, user.email, new_password, address="10.4.9.9")
    assert response.status_code == 302
    assert signed_in(client)


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_the_lockout_expires(client):
    user = make_user("victim2@example.com")
    for n in range(LIMIT):
        attempt(client, user.email, "wrong", address=f"10.5.0.{n}")
    assert attempt(client, user.email, PASSWORD, address="10.5.9.9").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=16)
    )
    assert attempt(client, user.email, PASSWORD, address="10.5.9.9").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_an_address_locks_after_failures_on_many_accounts(client):
    make_user("someone@example.com")
    for n in range(LIMIT):
        attempt(client, f"guess{n}@example.com", "wrong", address="10.6.6.6")
    response = attempt(client, "someone@example.com", PASSWORD, address="10.6.6.6")
    assert response.status_code == 429
    # another address is not affected
    assert attempt(client, "someone@example.com", PASSWORD, address="10.7.7.7").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_a_lock_survives_any_number_of_other_counters(client):
    """Before: the database cache kept 300 entries; 400 other counters evicted a lock."""
    user = make_user("held@example.com")
    for n in range(LIMIT):
        attempt(client, user.email, "wrong", address=f"10.8.0.{n}")
    for n in range(1000):
        throttle.hit("flood", f"key-{n}", 60)
    assert attempt(client, user.email, PASSWORD, address="10.8.9.9").status_code == 429
    throttle.hit("kept", "me", 60)
    for n in range(1000):
        throttle.hit("flood2", f"key-{n}", 60)
    assert throttle.count("kept", "me", 60) == 1


def test_a_100000_character_login_name_is_refused_not_a_500(client):
    response = attempt(client, "a" * 100_000, "x")
    assert response.status_code == 200
    assert not signed_in(client)


def test_counters_increment_atomically():
    def hammer():
        for _ in range(50):
            throttle.hit("race", "one", 60)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert throttle.count("race", "one", 60) == 400


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


def test_the_score_api_writes_nothing_to_the_database(client):
    """Before: every call committed its counter to the database cache (two commits)."""
    body = json.dumps({"checklist": ["L1.1"]})
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/v1/score", body, content_type="application/json")
    assert response.status_code == 200
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert set(statements) <= {"SELECT"}, statements


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_counts():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8"
    )
    assert throttle.client_address(request) == "5.6.7.8"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_forwarded_value_that_is_not_an_address_is_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="evil")
    assert throttle.client_address(request) == "10.0.0.254"


def test_without_a_proxy_forwarded_headers_are_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert throttle.client_address(request) == "10.0.0.254"
