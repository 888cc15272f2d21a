"""Real workers: two `manage.py db_worker` processes (django-tasks-db) on the test PostgreSQL
database deliver 40 queued emails to a real SMTP server, each exactly once, both doing part of
the work (rows are taken with SELECT … FOR UPDATE SKIP LOCKED, then each email's own claim)."""

import asyncio
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.test import override_settings

from assessments.models import EmailStatus, NotificationKind, OutgoingEmail
from assessments.notifications.services import notify
from tests.smtp_sink import SmtpSink, free_port

ROOT = Path(__file__).resolve().parents[1]
EMAILS = 40

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="worker processes share a PostgreSQL database (the test SQLite is in memory)",
    ),
]

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "email"],
    }
}


class SlowSink(SmtpSink):
    """Takes 50 ms per message, like a real server, so both workers get a share."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        await asyncio.sleep(0.05)
        return await super().handle_DATA(server, session, envelope)


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


def start_worker(worker_id: str, smtp_port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",  # production's: the database backend
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
        "DEBUG": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "0",
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            "email",
            "--no-reload",
            "--batch",
            "--interval",
            "0.1",
            "--worker-id",
            worker_id,
            "-v",
            "0",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_workers_deliver_every_email_exactly_once():
    from django_tasks_db.models import DBTaskResult

    sink = SlowSink()
    sink.port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    workers = []
    try:
        with override_settings(TASKS=DATABASE_TASKS):
            for n in range(EMAILS):
                notify(  # autocommit: each is queued as a database task at once
                    NotificationKind.ACCESS_REVOKED,
                    to_email=f"store{n:02d}@example.com",
                    context={"company_name": f"门店{n:02d}", "url": "http://x/"},
                )
        assert DBTaskResult.objects.filter(queue_name="email").count() == EMAILS
        workers = [start_worker(f"worker-{n}", sink.port) for n in (1, 2)]
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and any(w.poll() is None for w in workers):
            time.sleep(0.2)
        for worker in workers:
            assert worker.poll() == 0, worker.stderr.read()[-3000:]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait(10)
        controller.stop()

    arrived = Counter(rcpt for _sender, rcpts in sink.envelopes for rcpt in rcpts)
    assert arrived == Counter({f"store{n:02d}@example.com": 1 for n in range(EMAILS)})
    assert OutgoingEmail.objects.filter(status=EmailStatus.SENT, attempts=1).count() == EMAILS
    by_worker = Counter(
        worker_id
        for ids in DBTaskResult.objects.values_list("worker_ids", flat=True)
        for worker_id in ids
    )
    assert set(by_worker) == {"worker-1", "worker-2"}, by_worker
    assert sum(by_worker.values()) == EMAILS
