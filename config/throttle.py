"""Moved: the rate limits live in `assessments.throttle`. This name stays importable for
settings or scripts that still name `config.throttle` (AXES_CLIENT_IP_CALLABLE, say)."""

from assessments.throttle import (  # noqa: F401 - re-exported
    RATE_LIMIT_CACHE,
    allow,
    client_address,
    count,
    hit,
    limits_cache,
    seconds_left,
)
