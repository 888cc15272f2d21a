"""Reading settings from environment variables.

Every reader names the variable in its error, so a malformed deployment value stops start-up
with a message that says what to fix instead of a traceback deep inside Django.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"Environment variable {name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(
            f"Environment variable {name}={raw!r} is not a whole number."
        ) from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(
            f"Environment variable {name}={value} must be at least {minimum}."
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(
            f"Environment variable {name} is set but empty: give a comma-separated list."
        )
    return items


POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}


def parse_database_url(url: str, *, name: str = "DATABASE_URL", base_dir: Path) -> dict:
    """Turn `sqlite:///relative.db`, `sqlite:////abs/path.db` or `postgres://u:p@host:5432/db`
    into a Django DATABASES entry."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Environment variable {name} is malformed: {exc}.") from None
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        path = unquote(parts.path)
        if path in ("", "/"):
            raise ImproperlyConfigured(
                f"Environment variable {name}={url!r} names no SQLite file: use sqlite:///db.sqlite3."
            )
        if path == "/:memory:":
            db_name = ":memory:"
        elif path.startswith("//"):
            db_name = path[1:]
        else:
            db_name = str(base_dir / path.lstrip("/"))
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": db_name,
            # Concurrent writers wait for each other instead of failing with "database is
            # locked": write-ahead log (readers never block the writer), a 20-second busy
            # timeout, and transactions that take the write lock when they begin.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    if scheme in POSTGRES_SCHEMES:
        db_name = unquote(parts.path.lstrip("/"))
        if not db_name:
            raise ImproperlyConfigured(
                f"Environment variable {name}={_redact(url)!r} names no database: "
                "use postgres://user:password@host:5432/dbname."
            )
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(
                f"Environment variable {name}={_redact(url)!r} has an invalid port."
            ) from None
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        # PostgreSQL's JIT spends 0.3-1.8 s compiling the dashboard's aggregate queries, which
        # run in milliseconds without it; an explicit ?options= in the URL still wins.
        options.setdefault("options", "-c jit=off")
        config = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": db_name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
        config["OPTIONS"] = options
        return config
    raise ImproperlyConfigured(
        f"Environment variable {name}={_redact(url)!r} has an unsupported scheme {scheme!r}: "
        "use sqlite:///… or postgres://…."
    )


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url
