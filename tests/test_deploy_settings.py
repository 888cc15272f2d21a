"""With production environment values, `manage.py check --deploy` reports nothing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7Qp-2vN9sLk4RtY8wZc1mB6hJd3FgUe5aTo0iPyXrWqVnKs_lMjHbGfEdCa",
    "ALLOWED_HOSTS": "diagnosis.example.com",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
    "TRUSTED_PROXY_COUNT": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        # production's own settings module, not the tests' (which adds a fast password hasher)
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_are_strict():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    debug, hsts, subdomains, session_secure, csrf_secure, redirect, proxy = (
        result.stdout.strip().split(" ", 6)
    )
    assert debug == "False"
    assert int(hsts) >= 365 * 24 * 60 * 60
    assert subdomains == session_secure == csrf_secure == redirect == "True"
    assert "HTTP_X_FORWARDED_PROTO" in proxy


def test_development_defaults_are_not_production():
    result = run_manage(
        "check", "--deploy", env={"DEBUG": "1", "DATABASE_URL": PRODUCTION["DATABASE_URL"]}
    )
    assert "W018" in result.stdout + result.stderr  # DEBUG on is reported


def test_check_deploy_warns_without_a_proxy_count_or_redis():
    env = {k: v for k, v in PRODUCTION.items() if k not in ("TRUSTED_PROXY_COUNT", "REDIS_URL")}
    result = run_manage(
        "check", "--deploy", env={**env, "TRUSTED_PROXY_COUNT": "0", "REDIS_URL": ""}
    )
    assert "assessments.W110" in result.stdout + result.stderr
    assert "assessments.W111" in result.stdout + result.stderr
