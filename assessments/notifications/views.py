"""A person's email preferences (/account/email/) and the signed one-click unsubscribe link
every email carries (/email/unsubscribe/<token>/, also the RFC 8058 List-Unsubscribe-Post)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from assessments.models import NotificationKind
from assessments.notifications import services

ALL_FIELD = "none"  # the form's "no email at all" checkbox


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def email_preferences(request):
    """One checkbox per kind of email this person can get (ticked: wanted), and "none"."""
    offered = services.kinds_for_user(request.user)
    if request.method == "POST":
        wanted = {kind for kind in request.POST.getlist("kinds") if kind in offered}
        services.set_email_preferences(
            request.user, wanted=wanted, offered=offered, none=bool(request.POST.get(ALL_FIELD))
        )
        messages.success(request, _("邮件设置已保存。"))
        return redirect("email_preferences")
    stopped = services.opted_out_kinds(request.user.email)
    labels = dict(NotificationKind.choices)
    rows = [
        {"kind": kind, "label": labels[kind], "wanted": kind not in stopped} for kind in offered
    ]
    return render(
        request,
        "notifications/preferences.html",
        {"rows": rows, "none": services.ALL_KINDS in stopped, "all_field": ALL_FIELD},
    )


@csrf_exempt  # the signed token is the authority; mail clients POST without a CSRF token
@require_http_methods(["GET", "HEAD", "POST"])
def email_unsubscribe(request, token):
    """GET: a page with a button (link scanners must not unsubscribe anyone); POST (the button,
    or a mail client's one-click ``List-Unsubscribe=One-Click``): the address stops getting
    that kind of email."""
    found = services.read_unsubscribe_token(token)
    if found is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    email, kind = found
    label = dict(NotificationKind.choices).get(kind, "")
    context = {"email": email, "kind": kind, "label": label}
    if request.method == "POST":
        services.opt_out(email, kind)
        return render(request, "notifications/unsubscribe_done.html", context)
    return render(request, "notifications/unsubscribe_confirm.html", context)
