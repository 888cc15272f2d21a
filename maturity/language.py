"""The site's language codes: the settings.LANGUAGES code a requested or active language is
served in. (A signed-in user's remembered language lives with the accounts, in
`assessments.language`; which model text slot a code reads, in `maturity.language_codes`.)
"""

from django.conf import settings
from django.utils import translation


def supported_language(code: str | None) -> str | None:
    """The settings.LANGUAGES code for `code` ("en-us" -> "en"), or None if unsupported."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def normalized_language(code: str | None = None) -> str:
    """The settings.LANGUAGES code for `code` (none: the active language); the site's default
    language when it is not supported."""
    code = (code or translation.get_language() or settings.LANGUAGE_CODE).lower()
    return supported_language(code) or settings.LANGUAGE_CODE
