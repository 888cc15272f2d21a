"""The interface language: remembered per browser and per user.

* A first visit gets the language its `Accept-Language` asks for (Django's LocaleMiddleware).
* The language switch (`set_language`, POST `language` and `next`) sets Django's language
  cookie: that browser keeps the choice (settings.LANGUAGE_COOKIE_AGE).
* A signed-in user's switch is also stored in `UserPreference`, and `UserLanguageMiddleware`
  applies it when that user is signed in on a browser that has made no choice of its own.

The preference is about a user, not the model, so it lives here (it was `maturity.language`);
the site's language codes stay in `maturity.language`.
"""

from django.conf import settings
from django.utils import translation
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language as django_set_language

from assessments.models import UserPreference
from maturity.language import supported_language

# The session remembers whose preference was looked up, so it costs one query per login.
CHECKED_SESSION_KEY = "_language_preference_checked_for"


def remember_language(user, code: str | None) -> str | None:
    """Store a signed-in user's choice of language; returns the stored code (None: ignored)."""
    language = supported_language(code)
    if language is None or not user.is_authenticated:
        return None
    UserPreference.objects.update_or_create(user=user, defaults={"language": language})
    return language


def preferred_language(user) -> str | None:
    if not user.is_authenticated:
        return None
    stored = UserPreference.objects.filter(user=user).values_list("language", flat=True).first()
    return supported_language(stored)


def set_language_cookie(response, language: str) -> None:
    """The same cookie as Django's set_language view sets."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class UserLanguageMiddleware:
    """Applies a signed-in user's stored language in a browser that has no language cookie.

    Why a middleware (placed after AuthenticationMiddleware), and not a `user_logged_in` signal
    receiver or a wrapper around the login view: the team keeps business logic out of signals;
    a login-view wrapper would miss the other ways in (sign-up, a session that was already open
    when the preference was stored); and the middleware sees the login request itself on its way
    out (the user is anonymous on the way in), so the very page a login redirects to is already
    in the user's language. The preference is looked up once per session and user.

    A language cookie means this browser has chosen (the switch sets it), and that choice wins.
    Otherwise the preference, when it differs from the language negotiated from
    `Accept-Language`, is activated for the request, and the cookie is set so the browser
    keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self._language_to_apply(request)
        if language and language != translation.get_language():
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if language is None:
            # The request that signs the user in: anonymous on the way in.
            language = self._language_to_apply(request)
        if language:
            set_language_cookie(response, language)
        return response

    @staticmethod
    def _language_to_apply(request) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return None
        checked_for = str(user.pk)
        if request.session.get(CHECKED_SESSION_KEY) == checked_for:
            return None
        request.session[CHECKED_SESSION_KEY] = checked_for
        return preferred_language(user)


@require_http_methods(["GET", "HEAD", "POST"])
def set_language(request):
    """The language switch: Django's view (same URL name and form contract: POST `language`
    and `next`; it sets the language cookie), and a signed-in user's choice is also stored for
    their next sign-in on another browser."""
    response = django_set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        remember_language(request.user, request.POST.get("language"))
    return response
