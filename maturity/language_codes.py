"""Which of the model data's two text slots ("zh", "en") a language code reads.

The one place a language code ("zh-hans", "en", "en-us", a request's `?lang=`) is turned into
a slot. Pure Python, no Django (an import-linter contract keeps it so), so the scoring engine,
the business case and the pages share it; `maturity.i18n` applies it to the active language.
Chinese is the source of truth: any code that is not English reads the Chinese slot.
"""

ZH, EN = "zh", "en"
SLOTS = (ZH, EN)


def is_english(code: str | None) -> bool:
    return (code or "").lower().startswith(EN)


def text_slot(code: str | None) -> str:
    """ "en" for any English code ("en", "en-us", "EN"), "zh" for anything else."""
    return EN if is_english(code) else ZH


def strict_text_slot(code: str | None) -> str:
    """ "en" or "zh" for an English or Chinese code (none: "zh"); any other code is refused
    (ValueError), for callers that take the language as an argument."""
    lowered = (code or ZH).lower()
    if lowered.startswith(EN):
        return EN
    if lowered.startswith(ZH):
        return ZH
    raise ValueError(f"unsupported language {code!r}; use one of {', '.join(SLOTS)}")
