"""What a manager typed into a questionnaire step when their session had already ended.

The post cannot be saved (nobody is signed in), so it is kept in the new, anonymous session of
the same browser, keyed by the page it was posted to. Logging in keeps the session's data
(Django only cycles the key), and the step page shows the kept input again once the user is
back, after the usual access check. Only one post is kept, for a limited time; when the
session that ended is known (the idle timeout), only the same user gets it back.
"""

import time
from functools import wraps
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext as _

SESSION_KEY = "kept_step_input"
KEPT_FOR_SECONDS = 12 * 60 * 60
NOT_KEPT = {"csrfmiddlewaretoken", "action"}
MAX_FIELDS = 200
MAX_VALUE_LENGTH = 5000


def keep(request, *, user_id=None) -> None:
    values = [
        (name, value[:MAX_VALUE_LENGTH])
        for name, posted in request.POST.lists()
        if name not in NOT_KEPT
        for value in posted
    ][:MAX_FIELDS]
    request.session[SESSION_KEY] = {
        "path": request.path,
        "values": values,
        "user_id": user_id,
        "at": int(time.time()),
    }


def take(request) -> QueryDict | None:
    """The input kept for this page (and forget it), or None."""
    kept = request.session.get(SESSION_KEY)
    if not kept or kept.get("path") != request.path:
        return None
    del request.session[SESSION_KEY]
    if time.time() - kept.get("at", 0) > KEPT_FOR_SECONDS:
        return None
    if kept.get("user_id") not in (None, request.user.pk):
        return None
    data = QueryDict(mutable=True)
    for name, value in kept.get("values", []):
        data.appendlist(name, value)
    return data


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def keeps_input_when_signed_out(view):
    """A POST from a browser whose session has ended is kept, and the user sent to log in (with
    the way back to this page); a background save gets a 401 that says so."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not request.user.is_authenticated:
            keep(request, user_id=getattr(request, "timed_out_user_id", None))
            login_url = f"{settings.LOGIN_URL_PATH}?next={quote(request.path)}"
            text = _("会话已过期,已为你保留输入。请重新登录,登录后回到这一步。")
            if _wants_json(request):
                return JsonResponse(
                    {"expired": True, "login_url": login_url, "message": text}, status=401
                )
            messages.warning(request, text)
            return redirect(login_url)
        return view(request, *args, **kwargs)

    wrapper.keeps_input_when_signed_out = True
    return wrapper
