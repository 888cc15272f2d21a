"""Settings from the environment: DATABASE_URL parsing and fail-fast start-up errors."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, parse_database_url

BASE_DIR = Path(__file__).resolve().parents[1]


# --- DATABASE_URL -----------------------------------------------------------------------


def test_sqlite_relative_path_is_under_base_dir(tmp_path):
    config = parse_database_url("sqlite:///db.sqlite3", base_dir=tmp_path)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")


def test_sqlite_relative_nested_path(tmp_path):
    config = parse_database_url("sqlite:///var/data/app.db", base_dir=tmp_path)
    assert config["NAME"] == str(tmp_path / "var" / "data" / "app.db")


def test_sqlite_absolute_path(tmp_path):
    config = parse_database_url("sqlite:////srv/maturity/db.sqlite3", base_dir=tmp_path)
    assert config["NAME"] == "/srv/maturity/db.sqlite3"


def test_sqlite_memory(tmp_path):
    config = parse_database_url("sqlite:///:memory:", base_dir=tmp_path)
    assert config["NAME"] == ":memory:"


def test_sqlite_without_a_file_is_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        parse_database_url("sqlite://", base_dir=tmp_path)


def test_postgres_with_user_password_port_and_options(tmp_path):
    config = parse_database_url(
        "postgres://maturity:s3cr%40t@db.internal:6432/maturity_prod?sslmode=require&connect_timeout=5",
        base_dir=tmp_path,
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "maturity_prod"
    assert config["USER"] == "maturity"
    assert config["PASSWORD"] == "s3cr@t"  # percent-decoded
    assert config["HOST"] == "db.internal"
    assert config["PORT"] == "6432"
    assert config["OPTIONS"] == {
        "sslmode": "require",
        "connect_timeout": "5",
        "options": "-c jit=off",
    }


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "pgsql"])
def test_postgres_scheme_aliases_without_port_or_password(tmp_path, scheme):
    config = parse_database_url(f"{scheme}://postgres@127.0.0.1/maturity", base_dir=tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "maturity"
    assert config["USER"] == "postgres"
    assert config["PASSWORD"] == ""
    assert config["PORT"] == ""
    assert config["OPTIONS"] == {"options": "-c jit=off"}


def test_unsupported_scheme_names_the_variable(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL") as error:
        parse_database_url("mysql://user:pw@localhost/maturity", base_dir=tmp_path)
    assert "mysql" in str(error.value)
    assert "pw" not in str(error.value)  # the password is redacted


def test_postgres_without_database_name_names_the_variable(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL") as error:
        parse_database_url("postgres://user:hunter2@localhost:5432/", base_dir=tmp_path)
    assert "hunter2" not in str(error.value)


def test_invalid_port_names_the_variable(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        parse_database_url("postgres://user@localhost:notaport/db", base_dir=tmp_path)


def test_custom_variable_name_is_reported(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="REPLICA_URL"):
        parse_database_url("oracle://x/y", name="REPLICA_URL", base_dir=tmp_path)


# --- booleans, integers, lists ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("YES", True), (" on ", True)]
    + [("0", False), ("false", False), ("No", False), ("off", False), ("", False)],
)
def test_env_bool_words(monkeypatch, raw, expected):
    monkeypatch.setenv("MATURITY_TEST_FLAG", raw)
    assert env_bool("MATURITY_TEST_FLAG", not expected) is expected


def test_env_bool_default_when_unset(monkeypatch):
    monkeypatch.delenv("MATURITY_TEST_FLAG", raising=False)
    assert env_bool("MATURITY_TEST_FLAG", True) is True
    assert env_bool("MATURITY_TEST_FLAG", False) is False


def test_env_bool_bad_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("MATURITY_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="MATURITY_TEST_FLAG") as error:
        env_bool("MATURITY_TEST_FLAG", False)
    assert "maybe" in str(error.value)


def test_env_int(monkeypatch):
    monkeypatch.setenv("MATURITY_TEST_INT", " 42 ")
    assert env_int("MATURITY_TEST_INT", 1) == 42
    monkeypatch.setenv("MATURITY_TEST_INT", "forty")
    with pytest.raises(ImproperlyConfigured, match="MATURITY_TEST_INT"):
        env_int("MATURITY_TEST_INT", 1)
    monkeypatch.setenv("MATURITY_TEST_INT", "5")
    with pytest.raises(ImproperlyConfigured, match="MATURITY_TEST_INT"):
        env_int("MATURITY_TEST_INT", 100, minimum=60)


def test_env_list(monkeypatch):
    monkeypatch.setenv("MATURITY_TEST_HOSTS", "a.example, b.example ,")
    assert env_list("MATURITY_TEST_HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("MATURITY_TEST_HOSTS", " , ")
    with pytest.raises(ImproperlyConfigured, match="MATURITY_TEST_HOSTS"):
        env_list("MATURITY_TEST_HOSTS", [])


# --- start-up with a broken environment -------------------------------------------------


def _manage_check(**overrides) -> subprocess.CompletedProcess:
    env = {**os.environ, **overrides}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py picks config.settings itself
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_manage_check_passes_with_development_defaults():
    result = _manage_check(DEBUG="1", SECRET_KEY="", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr


def test_production_without_secret_key_refuses_to_start():
    result = _manage_check(DEBUG="0", SECRET_KEY="", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_bad_debug_value_refuses_to_start():
    result = _manage_check(DEBUG="maybe", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DEBUG" in result.stderr
    assert "maybe" in result.stderr


def test_unsupported_database_url_refuses_to_start():
    result = _manage_check(DEBUG="1", DATABASE_URL="mysql://x")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
