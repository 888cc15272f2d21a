from pathlib import Path

import pytest

SEED_FILE = (
    Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "000_e9faecbfe89754b3.txt"
)


@pytest.fixture
def seed_text() -> str:
    if not SEED_FILE.exists():
        pytest.skip("the seed document (../shared/seed) is not beside this checkout")
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture
def content(db):
    """The current maturity model (version 1, loaded by the data migration)."""
    from maturity.selectors import clear_model_cache, model_content

    clear_model_cache()
    return model_content()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live outside the database (assessments.throttle), so the per-test
    rollback does not reset them: every test starts with none."""
    from django.core.cache.backends.locmem import LocMemCache

    from assessments.throttle import limits_cache

    cache = limits_cache()
    if not isinstance(cache, LocMemCache):
        yield  # never flush a shared Redis from a test run
        return
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """A request in English leaves English active in the test's thread; start every test in
    the default language so one test's language never leaks into the next."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on 127.0.0.1 and Django's SMTP backend pointed at it (tests/smtp_sink.py)."""
    from tests.smtp_sink import start_sink

    sink, controller = start_sink()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield sink
    finally:
        controller.stop()
