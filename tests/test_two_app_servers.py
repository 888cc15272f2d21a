"""No local state: two app server processes on one database serve the same user — log in on one,
continue the questionnaire on the other, and the draft saved there is seen by the first. They
share their rate limits through Redis (REDIS_URL, the production setting)."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.db import connection

from assessments.models import Assessment
from tests.factories import PASSWORD, make_company, make_user

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several app servers share a PostgreSQL database (the test SQLite is in memory)",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
KEY_PREFIX = f"test-two-servers-{uuid.uuid4().hex[:8]}"  # this run's counters only


def redis_is_up() -> bool:
    parts = urllib.parse.urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def redis_running():
    if not redis_is_up():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL} (.ci/run starts it)")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")


def start_server(port: int, **extra_env: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "1",  # plain HTTP on loopback; everything else as in production
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": REDIS_URL,
        "REDIS_KEY_PREFIX": KEY_PREFIX,
        **extra_env,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )


def wait_until_up(base: str):
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{base} did not start")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def csrf_token(jar: CookieJar) -> str:
    return next(cookie.value for cookie in jar if cookie.name == "csrftoken")


def post_expecting_redirect(browser, base: str, path: str, fields: dict) -> str:
    """POST a form as the browser; the answer must be a redirect (a form shown again with
    errors is a failure, not a pass). Returns the redirect's Location."""
    request = urllib.request.Request(
        base + path,
        data=urllib.parse.urlencode(fields, doseq=True).encode(),
        headers={"Referer": base},
    )
    try:
        response = browser.open(request)
    except urllib.error.HTTPError as answer:
        assert answer.code == 302, f"POST {path} answered {answer.code}"
        return answer.headers["Location"]
    raise AssertionError(f"POST {path} answered {response.status} instead of redirecting")


def test_a_user_moves_between_two_app_servers(content):
    user = make_user("roaming@example.com")
    company = make_company(owner=user)
    servers, bases = [], []
    try:
        for _ in range(2):
            port = free_port()
            servers.append(start_server(port))
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            wait_until_up(base)
        jar = CookieJar()  # one browser: the cookies go to whichever server answers
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        a, b = bases

        browser.open(a + "/accounts/login/").read()
        login = {
            "username": user.email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": csrf_token(jar),
        }
        landing = post_expecting_redirect(browser, a, "/accounts/login/", login)
        assert "/accounts/login/" not in landing, landing  # signed in, not sent back
        page = browser.open(f"{b}/companies/{company.pk}/").read().decode()
        assert company.name in page  # server B knows the session server A created

        start = f"/companies/{company.pk}/assessments/start/"
        post_expecting_redirect(browser, b, start, {"csrfmiddlewaretoken": csrf_token(jar)})
        assessment = Assessment.objects.get(company=company)
        step = f"/assessments/{assessment.pk}/step/1/"
        form = browser.open(b + step).read().decode()
        revision = re.search(r'name="revision" value="(\d+)"', form).group(1)
        save = {
            "checklist": ["L2.1", "L2.2"],
            "action": "save",
            "revision": revision,
            "csrfmiddlewaretoken": csrf_token(jar),
        }
        post_expecting_redirect(browser, b, step, save)
        on_a = browser.open(a + step).read().decode()
        checked = [chunk for chunk in on_a.split("<input") if "checked" in chunk]
        assert {re.search(r'value="([^"]+)"', c).group(1) for c in checked} == {"L2.1", "L2.2"}
    finally:
        for server in servers:
            server.terminate()
            server.wait(10)


def test_two_app_servers_share_one_rate_limit(content):
    """Counters live in Redis, not in each process: 3 calls a minute means 3 in total."""
    servers, bases = [], []
    try:
        for _ in range(2):
            port = free_port()
            servers.append(start_server(port, SCORE_API_RATE_LIMIT="3"))
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            wait_until_up(base)
        body = b'{"checklist": ["L1.1"]}'
        statuses = []
        for base in (bases[0], bases[1], bases[0], bases[1]):
            request = urllib.request.Request(
                base + "/api/v1/score", data=body, headers={"Content-Type": "application/json"}
            )
            try:
                statuses.append(urllib.request.urlopen(request, timeout=10).status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
        assert statuses == [200, 200, 200, 429]
    finally:
        for server in servers:
            server.terminate()
            server.wait(10)
