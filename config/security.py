"""Security middleware: response headers (CSP with a per-request nonce, Permissions-Policy) and
session lifetime (30 minutes idle, 12 hours absolute).

Django 5.2 has no built-in CSP; this is the small part of it the app needs. Inline <script>
elements must carry `nonce="{{ request.csp_nonce }}"`; inline event handlers are not allowed.
"""

import secrets
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = content_security_policy(request.csp_nonce)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        # Only where the user was looked up (a page that shows or checks who is signed in): a
        # bare response like /ping must not load the session and the user to find out.
        user = getattr(request, "_cached_user", None)
        if user is not None and user.is_authenticated:
            # A signed-in page is that person's: no shared cache or back-button copy keeps it.
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response


def content_security_policy(nonce: str) -> str:
    directives = [
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        # <style> elements need the nonce; style="" attributes (bar widths) are allowed, they
        # cannot run code and their values are escaped.
        f"style-src 'self' 'nonce-{nonce}'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


SESSION_STARTED = "_session_started"
SESSION_LAST_SEEN = "_session_last_seen"


class SessionTimeoutMiddleware:
    """Ends a signed-in session after SESSION_IDLE_TIMEOUT seconds without a request or
    SESSION_ABSOLUTE_TIMEOUT seconds after login, whatever the activity (ASVS 7.3)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(SESSION_STARTED, now)
            last_seen = session.get(SESSION_LAST_SEEN, now)
            idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT
            expired = now - started > settings.SESSION_ABSOLUTE_TIMEOUT
            if idle or expired:
                user_id = request.user.pk
                logout(request)
                if request.method == "POST" and _keeps_input(request):
                    # The view keeps what was posted for this user and sends them to log in.
                    request.timed_out_user_id = user_id
                    return self.get_response(request)
                messages.info(request, _("登录已超时,请重新登录。你填写的答案都已保存。"))
                return redirect(f"{settings.LOGIN_URL_PATH}?next={request.path}")
            # Writing the session on every request costs a query; once a minute is precise enough.
            if now - last_seen >= 60 or SESSION_LAST_SEEN not in session:
                session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


def _keeps_input(request) -> bool:
    """Whether the requested view keeps a signed-out user's post (a questionnaire step)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "keeps_input_when_signed_out", False)
