"""The fast hasher is the tests' alone: production settings still hash with PBKDF2."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password

ROOT = Path(__file__).resolve().parents[1]


def test_the_test_run_hashes_fast():
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.MD5PasswordHasher"
    assert make_password("x").startswith("md5$")


def test_production_settings_hash_with_pbkdf2():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    code = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "from django.contrib.auth.hashers import make_password;"
        "print(settings.PASSWORD_HASHERS[0]); print(make_password('x').split('$')[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    first, algorithm = result.stdout.split()
    assert first == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    assert algorithm == "pbkdf2_sha256"
