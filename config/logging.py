"""Structured (JSON) log lines, with personal data kept out.

One JSON object a line suits log collectors; the redaction filter masks what must not reach a log
(PIPL): email addresses, mainland mobile numbers, and anything after password= in a message.
"""

import json
import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
SECRET = re.compile(r"(password|passwd|secret|token)=([^&\s]+)", re.IGNORECASE)


def redact(text: str) -> str:
    text = EMAIL.sub("[email]", text)
    text = MOBILE.sub("[mobile]", text)
    return SECRET.sub(r"\1=[redacted]", text)


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
