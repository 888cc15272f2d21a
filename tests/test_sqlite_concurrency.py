"""The embedded SQLite database: concurrent writers wait for each other instead of failing with
"database is locked" (WAL, a busy timeout, transactions that take the write lock at BEGIN).

Before: two requests that each read then wrote in a transaction made one fail at once (SQLite
cannot upgrade two readers to writers; it returns SQLITE_BUSY without waiting)."""

import threading
import time

import pytest
from django.db.backends.sqlite3.base import DatabaseWrapper

from config.env import parse_database_url


def connect(path):
    settings = parse_database_url(f"sqlite:///{path}", base_dir=path.parent)
    settings.update(
        {
            "ATOMIC_REQUESTS": False,
            "AUTOCOMMIT": True,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "TIME_ZONE": None,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        }
    )
    return DatabaseWrapper(settings, alias="concurrency")


@pytest.fixture(autouse=True)
def own_database(django_db_blocker):
    """These tests open their own SQLite file, not the test database."""
    with django_db_blocker.unblock():
        yield


def test_the_default_database_is_wal_with_immediate_transactions(tmp_path):
    wrapper = connect(tmp_path / "db.sqlite3")
    with wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert wrapper.transaction_mode == "IMMEDIATE"
    wrapper.close()


def test_concurrent_read_then_write_transactions_both_succeed(tmp_path):
    path = tmp_path / "db.sqlite3"
    setup = connect(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
    setup.close()
    errors = []

    def writer():
        wrapper = connect(path)
        try:
            wrapper.ensure_connection()
            wrapper.set_autocommit(False)  # ... as transaction.atomic() does
            wrapper._start_transaction_under_autocommit()
            with wrapper.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM counter")
                time.sleep(0.3)  # both have read before either writes
                cursor.execute("INSERT INTO counter VALUES (1)")
            wrapper.commit()
        except Exception as error:  # noqa: BLE001 - the test reports it
            errors.append(repr(error))
        finally:
            wrapper.close()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = connect(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM counter")
        assert cursor.fetchone()[0] == 2
    check.close()
