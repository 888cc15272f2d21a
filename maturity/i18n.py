"""Picking the active language's rendering of a bilingual model text.

Model texts are stored as `<field>_zh` / `<field>_en` columns (lists as [{"zh": …, "en": …}]).
Chinese is the source of truth; an empty English slot falls back to it so a page is never blank.
"""

from django.utils.translation import get_language

from maturity.language_codes import text_slot


def active_language_code() -> str:
    """'en' or 'zh' — the two slots the data file carries — for the active language."""
    return text_slot(get_language())


def pick(texts: dict | None, language: str | None = None) -> str:
    if not texts:
        return ""
    language = language or active_language_code()
    if language == "en" and texts.get("en"):
        return texts["en"]
    return texts.get("zh", "")


class Translated:
    """Descriptor: `name = Translated()` reads `name_en` or `name_zh` by the active language."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return pick(
            {
                "zh": getattr(instance, f"{self.name}_zh"),
                "en": getattr(instance, f"{self.name}_en"),
            }
        )


class TranslatedList:
    """Descriptor over a JSON list of {"zh", "en"} dicts stored in `<name>_texts`."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        language = active_language_code()
        return [pick(item, language) for item in getattr(instance, f"{self.name}_texts") or []]
