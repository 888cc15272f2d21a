"""The documented backup commands (scripts/backup.sh, scripts/restore.sh) dump the database and
restore it into a scratch database with every row (PostgreSQL only: it is what production runs)."""

import subprocess
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from tests.factories import make_assessment, make_colleague, make_company, make_user

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backups are for the PostgreSQL production database",
    ),
]


def url_for(database: str) -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgresql://{s['USER']}{password}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{database}"


def table_counts(cursor) -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        table = model._meta.db_table
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - table names from the ORM
        counts[table] = cursor.fetchone()[0]
    return counts


def test_dump_and_restore_keep_every_row(tmp_path, content):
    owner = make_user()
    company = make_company(owner=owner, name="备份测试企业")
    make_colleague(company)
    make_assessment(company, owner, content, checklist=["L2.1", "L2.2", "L2.3"])
    make_assessment(company, owner, content, submit=False)
    with connection.cursor() as cursor:
        before = table_counts(cursor)
    assert before["assessments_assessment"] == 2
    assert before["maturity_checklistitem"] == 50  # model versions 1 and 2, 25 items each

    dump = tmp_path / "backup.dump"
    source = url_for(connection.settings_dict["NAME"])
    subprocess.run(
        ["bash", "scripts/backup.sh", str(dump)],
        cwd=ROOT,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": source},
    )
    assert dump.stat().st_size > 0

    scratch = f"restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        subprocess.run(
            ["bash", "scripts/restore.sh", str(dump)],
            cwd=ROOT,
            check=True,
            env={"PATH": "/usr/bin:/bin", "DATABASE_URL": url_for(scratch)},
        )
        import psycopg2

        restored = psycopg2.connect(url_for(scratch))
        try:
            with restored.cursor() as cursor:
                after = table_counts(cursor)
                cursor.execute("SELECT name FROM assessments_company")
                names = [row[0] for row in cursor.fetchall()]
        finally:
            restored.close()
        assert after == before
        assert "备份测试企业" in names
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
