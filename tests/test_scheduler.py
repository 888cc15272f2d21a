"""`manage.py run_scheduler --once` runs every periodic job once: email retries, draft and
re-assessment reminders, and the campaign reminders when that code is present (a job whose
module cannot be imported is logged and skipped, the others still run)."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Assessment, NotificationKind, OutgoingEmail
from assessments.notifications import schedule
from tests.factories import make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db


def test_once_runs_every_job_and_sends_what_is_due(
    content, settings, smtp_sink, django_capture_on_commit_callbacks
):
    settings.DRAFT_REMINDER_DAYS = 7
    owner = make_user("sched@example.com")
    company = make_company(owner=owner)
    draft = make_assessment(company, owner, content, submit=False)
    Assessment.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - timedelta(days=9))

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once", stdout=out)
    report = out.getvalue()
    assert "draft_reminders: 1" in report
    assert "reassessment_due: 0" in report
    assert "retry_due_emails:" in report and "campaign_reminders:" in report
    (message,) = smtp_sink.wait_for(1)
    assert message["To"] == "sched@example.com"
    assert OutgoingEmail.objects.get(kind=NotificationKind.DRAFT_REMINDER).status == "sent"
    # Run again: nothing is sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once", stdout=StringIO())
    assert len(smtp_sink.messages) == 1


def test_a_job_that_cannot_be_imported_is_skipped_and_the_others_run(monkeypatch, caplog):
    ran = []
    monkeypatch.setattr(
        schedule,
        "JOBS",
        [
            ("missing", 60, "assessments.no_such_module.send_due_reminders"),
            ("present", 60, "tests.test_scheduler.record_run"),
        ],
    )
    monkeypatch.setattr("tests.test_scheduler.RUNS", ran)
    with caplog.at_level(logging.WARNING, logger="assessments.scheduler"):
        results = schedule.Scheduler().run_due()
    assert results == {"missing": None, "present": 1}
    assert len(ran) == 1
    assert "missing skipped" in caplog.text


def test_a_job_runs_again_only_after_its_interval(monkeypatch):
    ran = []
    monkeypatch.setattr("tests.test_scheduler.RUNS", ran)
    scheduler = schedule.Scheduler(jobs=[("present", 3600, "tests.test_scheduler.record_run")])
    scheduler.run_due()
    scheduler.run_due()
    assert len(ran) == 1


RUNS = []


def record_run(now=None):
    RUNS.append(now)
    return 1
