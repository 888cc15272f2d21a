"""Logs are structured (one JSON object a line) and carry no passwords or personal data."""

import json
import logging

from config.logging import JsonFormatter, RedactPersonalData, redact


def test_personal_data_is_redacted():
    text = redact("login failed for li.ming@example.com, mobile 13800138000, password=hunter2&x=1")
    assert "li.ming@example.com" not in text and "[email]" in text
    assert "13800138000" not in text and "[mobile]" in text
    assert "hunter2" not in text and "password=[redacted]" in text


def test_log_lines_are_json_without_personal_data():
    record = logging.LogRecord(
        "assessments",
        logging.WARNING,
        __file__,
        1,
        "user %s from %s",
        ("a@b.com", "13912345678"),
        None,
    )
    RedactPersonalData().filter(record)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["level"] == "WARNING" and entry["logger"] == "assessments"
    assert "a@b.com" not in line and "13912345678" not in line


def test_the_app_logs_through_the_redacting_handler():
    from django.conf import settings

    handler = settings.LOGGING["handlers"]["console"]
    assert "redact" in handler["filters"]
