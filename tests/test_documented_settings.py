"""Every environment variable the README documents is read: set in the environment of a fresh
process, it changes what the app does (or the setting the app's code reads, where a test
elsewhere shows that setting's effect). And the PDF render pool follows REPORT_PDF_WORKERS."""

import json
import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from django.test import override_settings

from assessments.reports import pdf

ROOT = Path(__file__).resolve().parents[1]

# variable: (value set, expression run after django.setup(), what it must give)
DOCUMENTED = {
    "DATABASE_URL": (
        "sqlite:////srv/maturity/documented.sqlite3",
        "connection.settings_dict['NAME']",
        "/srv/maturity/documented.sqlite3",
    ),
    "DEBUG": ("0", "settings.DEBUG", False),
    "SECRET_KEY": ("k" * 60, "settings.SECRET_KEY", "k" * 60),
    "ALLOWED_HOSTS": ("a.example,b.example", "settings.ALLOWED_HOSTS", ["a.example", "b.example"]),
    "TIME_ZONE": ("Europe/Berlin", "timezone.get_default_timezone_name()", "Europe/Berlin"),
    "EMAIL_BACKEND": (
        "django.core.mail.backends.locmem.EmailBackend",
        "type(mail.get_connection()).__module__",
        "django.core.mail.backends.locmem",
    ),
    "DEFAULT_FROM_EMAIL": (
        "diagnosis@a.example",
        "mail.EmailMessage().from_email",
        "diagnosis@a.example",
    ),
    "SITE_URL": (
        "https://diag.a.example/",
        "__import__('assessments.campaigns.services', fromlist=['site_root']).site_root()",
        "https://diag.a.example",
    ),
    "STATIC_ROOT": ("/srv/maturity/static", "str(settings.STATIC_ROOT)", "/srv/maturity/static"),
    "LOG_LEVEL": ("WARNING", "logging.getLogger().level", logging.WARNING),
    "SECURE_HSTS_SECONDS": ("600", "settings.SECURE_HSTS_SECONDS", 600),
    "SECURE_HSTS_PRELOAD": ("0", "settings.SECURE_HSTS_PRELOAD", False),
    "SESSION_COOKIE_SECURE": ("0", "settings.SESSION_COOKIE_SECURE", False),
    "CSRF_COOKIE_SECURE": ("0", "settings.CSRF_COOKIE_SECURE", False),
    "CSRF_TRUSTED_ORIGINS": (
        "https://a.example",
        "settings.CSRF_TRUSTED_ORIGINS",
        ["https://a.example"],
    ),
    "SECURE_SSL_REDIRECT": ("0", "settings.SECURE_SSL_REDIRECT", False),
    "BEHIND_PROXY": ("0", "settings.SECURE_PROXY_SSL_HEADER", None),
    "LOG_FORMAT": (
        "plain",
        "type(logging.getLogger().handlers[0].formatter).__name__",
        "Formatter",
    ),
    "TRUSTED_PROXY_COUNT": (
        "2",
        "throttle.client_address(RequestFactory().get('/', REMOTE_ADDR='10.0.0.9',"
        " HTTP_X_FORWARDED_FOR='1.1.1.1, 2.2.2.2, 3.3.3.3'))",
        "2.2.2.2",
    ),
    "SCORE_API_RATE_LIMIT": ("7", "settings.SCORE_API_RATE_LIMIT", 7),
    "LOGIN_RATE_LIMIT": ("8", "settings.LOGIN_RATE_LIMIT", 8),
    "LOGIN_FAILURES_PER_ACCOUNT": ("4", "settings.LOGIN_FAILURES_PER_ACCOUNT", 4),
    "PASSWORD_RESET_RATE_LIMIT": ("3", "settings.PASSWORD_RESET_RATE_LIMIT", 3),
    "SIGNUP_RATE_LIMIT": ("4", "settings.SIGNUP_RATE_LIMIT", 4),
    "INVITATION_RATE_LIMIT": ("6", "settings.INVITATION_RATE_LIMIT", 6),
    "AUDIT_RETENTION_DAYS": ("30", "settings.AUDIT_RETENTION_DAYS", 30),
    "REFUSED_AUDIT_RATE_LIMIT": ("9", "settings.REFUSED_AUDIT_RATE_LIMIT", 9),
    "REDIS_URL": (
        "redis://127.0.0.1:6379/9",
        "settings.CACHES['ratelimit']['BACKEND']",
        "django.core.cache.backends.redis.RedisCache",
    ),
    "REDIS_KEY_PREFIX": ("docs", "settings.CACHES['ratelimit'].get('KEY_PREFIX')", "docs"),
    "LANGUAGE_COOKIE_SECURE": ("0", "settings.LANGUAGE_COOKIE_SECURE", False),
    "LOGIN_LOCKOUT_SECONDS": ("120", "settings.LOGIN_LOCKOUT_SECONDS", 120),
    "SESSION_IDLE_TIMEOUT": ("300", "settings.SESSION_IDLE_TIMEOUT", 300),
    "SESSION_ABSOLUTE_TIMEOUT": ("3600", "settings.SESSION_COOKIE_AGE", 3600),
    "REPORT_PDF_TIMEOUT": ("5", "pdf.render_timeout()", 5.0),
    "REPORT_PDF_WORKERS": ("2", "pdf._executor()._max_workers", 2),
    "EMAIL_HOST": ("smtp.a.example", "settings.EMAIL_HOST", "smtp.a.example"),
    "EMAIL_PORT": ("2525", "settings.EMAIL_PORT", 2525),
    "EMAIL_HOST_USER": ("mailer", "settings.EMAIL_HOST_USER", "mailer"),
    "EMAIL_HOST_PASSWORD": ("pw", "settings.EMAIL_HOST_PASSWORD", "pw"),
    "EMAIL_USE_TLS": ("1", "settings.EMAIL_USE_TLS", True),
    "EMAIL_USE_SSL": ("1", "settings.EMAIL_USE_SSL", True),
    "EMAIL_TIMEOUT": ("7", "settings.EMAIL_TIMEOUT", 7),
    "EMAIL_MAX_ATTEMPTS": ("3", "settings.EMAIL_MAX_ATTEMPTS", 3),
    "DRAFT_REMINDER_DAYS": ("3", "settings.DRAFT_REMINDER_DAYS", 3),
    "REASSESSMENT_DUE_MONTHS": ("6", "settings.REASSESSMENT_DUE_MONTHS", 6),
    "TASKS_BACKEND": (
        "immediate",
        "settings.TASKS['default']['BACKEND']",
        "django_tasks.backends.immediate.ImmediateBackend",
    ),
}

PROBE = """
import json, logging, sys
import django
django.setup()
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from assessments.reports import pdf
from assessments import throttle
print(json.dumps({name: eval(expression) for name, expression in json.loads(sys.argv[1]).items()}))
"""


SECTIONS = ("Configuration", "PDF report", "Deployment")  # the README's sections on settings


def readme_variables() -> set[str]:
    """Environment variables named in the README's sections on settings: `NAME` in backticks,
    or NAME=value."""
    sections = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ")
    text = "\n".join(section for section in sections if section.startswith(SECTIONS))
    assert text.count("\n") > 40, "the README's settings sections were not found"
    names = set(re.findall(r"`([A-Z][A-Z0-9_]{2,})`", text))
    names |= set(re.findall(r"\b([A-Z][A-Z0-9_]{2,})=", text))
    return names


def test_every_documented_variable_is_tested_here():
    assert readme_variables() == set(DOCUMENTED)


def test_every_variable_the_settings_read_is_documented():
    code = "\n".join(path.read_text() for path in (ROOT / "config").glob("*.py"))
    read = set(re.findall(r"\benv_(?:str|bool|int|list)\(\s*\"([A-Z][A-Z0-9_]*)\"", code))
    assert "REPORT_PDF_WORKERS" in read
    assert read <= readme_variables(), sorted(read - readme_variables())


def probe(variables: dict) -> dict:
    """Each documented variable's expression, in a fresh process on production's settings
    module with exactly ``variables`` of the documented ones in its environment."""
    env = {k: v for k, v in os.environ.items() if k not in DOCUMENTED}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"  # not the tests' settings
    env.update(variables)
    expressions = {name: expression for name, (_v, expression, _x) in DOCUMENTED.items()}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(expressions)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_each_documented_variable_changes_what_the_app_does():
    seen = probe({name: value for name, (value, _e, _x) in DOCUMENTED.items()})
    assert seen == {name: expected for name, (_v, _e, expected) in DOCUMENTED.items()}
    # Without them (production's two required ones only) every observation differs, so what
    # was seen above is each variable's effect, not a default that happens to match. DEBUG
    # itself is required here; test_deploy_settings compares DEBUG on and off.
    defaults = probe({"DEBUG": "0", "SECRET_KEY": "d" * 60})
    same = {name for name in DOCUMENTED if name != "DEBUG" and defaults[name] == seen[name]}
    assert not same, {name: defaults[name] for name in same}


def concurrent_renders(workers: int) -> int:
    """How many (fake) renders run at once when three reports are asked for together."""
    running, most, lock = 0, 0, threading.Lock()
    arrived = threading.Event()

    def fake_render(html, **kwargs):
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
            if running >= 2:
                arrived.set()
        arrived.wait(0.5)  # a second render running alongside ends the wait at once
        with lock:
            running -= 1
        return b"%PDF-" + html.encode()

    real = pdf.html_to_pdf
    pdf.html_to_pdf = fake_render
    try:
        with override_settings(REPORT_PDF_WORKERS=workers):
            keys = [pdf.CacheKey(f"a{n}", "zh-hans", "v", "d") for n in range(3)]
            threads = [
                threading.Thread(target=pdf._render_in_worker, args=(key, lambda: "x", 10))
                for key in keys
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(10)
    finally:
        pdf.html_to_pdf = real
        pdf._IN_FLIGHT.clear()
    return most


def test_report_pdf_workers_bounds_the_renders_at_once():
    assert concurrent_renders(1) == 1
    assert concurrent_renders(2) == 2
