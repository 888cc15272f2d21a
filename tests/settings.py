"""Settings for the test run only (pytest's DJANGO_SETTINGS_MODULE, see pyproject.toml).

Everything is production's `config.settings`, read from the environment as always, except the
password hasher: Django's PBKDF2 costs ~180 ms per hash on purpose, and the suite creates and
logs in hundreds of users. MD5 comes first (fast, and never used outside tests); the strong
hashers stay in the list so a hash made elsewhere still verifies. Subprocesses the tests start
(gunicorn in test_two_app_servers) inherit DJANGO_SETTINGS_MODULE and so the same hashers.
`tests/test_password_hashing.py` proves production still hashes with PBKDF2.
"""

from django.conf import global_settings

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    *global_settings.PASSWORD_HASHERS,
]

# Tasks run inside the request that queues them, so a test sees their effect at once; the tests
# of the worker itself (tests/test_task_worker.py) start real `db_worker` processes instead.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "email"],
    }
}
