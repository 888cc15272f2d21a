"""System checks for what the PDF report needs from the machine (never a silent failure).

Without a CJK font WeasyPrint succeeds silently and prints tofu boxes; without the HarfBuzz
subsetter it silently falls back to fontTools and a report takes ~10 s instead of <1 s. Both are
Debian packages, so the checks name the package to install. `manage.py check`, `runserver` and
`migrate` run them.

The probes are module-level functions so that tests can replace them.
"""

import ctypes.util
import shutil
import subprocess

from django.core.checks import Error, Tags, Warning, register

CJK_FAMILY = "Noto Sans CJK SC"
CJK_PACKAGE = "fonts-noto-cjk"
HARFBUZZ_SUBSET_LIBRARY = "harfbuzz-subset"
HARFBUZZ_SUBSET_PACKAGE = "libharfbuzz-subset0"
PROBE_TIMEOUT = 10  # seconds; fontconfig builds its cache on a first run

E_NO_FONTCONFIG = "assessments.E101"
E_NO_CJK_FONT = "assessments.E102"
E_NO_HARFBUZZ_SUBSET = "assessments.E103"


def _run(args: list[str]) -> str | None:
    """The command's stdout, or None when the command is missing or fails."""
    if shutil.which(args[0]) is None:
        return None
    try:
        completed = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            args, capture_output=True, text=True, timeout=PROBE_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if completed.returncode != 0:
        return None
    return completed.stdout


def probe_fc_match(family: str = CJK_FAMILY) -> str | None:
    """The family fontconfig substitutes for ``family`` (None: fc-match is not available)."""
    output = _run(["fc-match", "-f", "%{family}", family])
    return output.strip() if output is not None else None


def probe_fc_list(family: str = CJK_FAMILY) -> list[str] | None:
    """The font files fontconfig has for ``family`` (None: fc-list is not available)."""
    output = _run(["fc-list", f":family={family}", "file"])
    if output is None:
        return None
    return [line.strip().rstrip(":") for line in output.splitlines() if line.strip()]


def probe_harfbuzz_subset() -> str | None:
    """The HarfBuzz subsetting library WeasyPrint loads, or None."""
    return ctypes.util.find_library(HARFBUZZ_SUBSET_LIBRARY)


def is_noto_cjk(family: str) -> bool:
    # fc-match may list several names of the same face: "Noto Sans CJK SC,Noto Sans CJK SC Regular"
    return any(name.strip().startswith("Noto Sans CJK") for name in family.split(","))


@register(Tags.compatibility)
def check_cjk_font(app_configs=None, **kwargs):
    matched = probe_fc_match()
    if matched is None:
        return [
            Error(
                "fontconfig (fc-match, fc-list) is not available: WeasyPrint cannot find fonts "
                "and the PDF report cannot be checked for a Chinese font.",
                hint="Install the Debian packages fontconfig and "
                f"{CJK_PACKAGE}: apt-get install fontconfig {CJK_PACKAGE}",
                id=E_NO_FONTCONFIG,
            )
        ]
    files = probe_fc_list()
    if not is_noto_cjk(matched) or not files:
        return [
            Error(
                f"The Chinese font '{CJK_FAMILY}' is not installed (fontconfig substitutes "
                f"'{matched or 'nothing'}'): the PDF report would print empty boxes (tofu) "
                "instead of Chinese characters, without any error.",
                hint=f"Install the Debian package {CJK_PACKAGE}: apt-get install {CJK_PACKAGE}",
                id=E_NO_CJK_FONT,
            )
        ]
    return []


@register(Tags.compatibility)
def check_harfbuzz_subset(app_configs=None, **kwargs):
    if probe_harfbuzz_subset() is None:
        return [
            Error(
                "The HarfBuzz subsetting library (libharfbuzz-subset.so.0) is not installed: "
                "WeasyPrint falls back to fontTools and every PDF report takes ~10 s instead "
                "of under a second.",
                hint=f"Install the Debian package {HARFBUZZ_SUBSET_PACKAGE}: "
                f"apt-get install {HARFBUZZ_SUBSET_PACKAGE}",
                id=E_NO_HARFBUZZ_SUBSET,
            )
        ]
    return []


W_PROXY_COUNT = "assessments.W110"
W_NO_REDIS = "assessments.W111"


@register(Tags.security, deploy=True)
def check_client_addresses_and_counters(app_configs=None, **kwargs):
    """Behind a proxy with TRUSTED_PROXY_COUNT=0 every request comes from the proxy's address
    (one address lockout refuses everyone); without REDIS_URL each app process keeps its own
    rate-limit counters. Both are README "Deployment" settings."""
    from django.conf import settings

    warnings = []
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not settings.TRUSTED_PROXY_COUNT:
        warnings.append(
            Warning(
                "BEHIND_PROXY is on but TRUSTED_PROXY_COUNT is 0: every client would share the "
                "proxy's address in rate limits, lockouts and the audit log.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies (1 behind one nginx) and "
                "bind gunicorn to 127.0.0.1.",
                id=W_PROXY_COUNT,
            )
        )
    if not settings.DEBUG and not settings.REDIS_URL:
        warnings.append(
            Warning(
                "REDIS_URL is not set: each app process counts rate limits on its own.",
                hint="Set REDIS_URL (redis://host:6379/0) when more than one process serves "
                "the app.",
                id=W_NO_REDIS,
            )
        )
    return warnings


E_EMAIL_TLS_AND_SSL = "assessments.E110"


@register(Tags.compatibility)
def check_email_security(app_configs=None, **kwargs):
    """EMAIL_USE_TLS and EMAIL_USE_SSL exclude each other (Django's SMTP backend would refuse
    every delivery, so each email would fail only after all its retries)."""
    from django.conf import settings

    if getattr(settings, "EMAIL_USE_TLS", False) and getattr(settings, "EMAIL_USE_SSL", False):
        return [
            Error(
                "EMAIL_USE_TLS and EMAIL_USE_SSL are both on.",
                hint="Use one: TLS = STARTTLS (usually port 587), SSL = implicit TLS (port 465).",
                id=E_EMAIL_TLS_AND_SSL,
            )
        ]
    return []
