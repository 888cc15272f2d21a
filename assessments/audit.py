"""The audit log: who viewed, changed, exported or downloaded which company's data, and who was
refused (ASVS 16). One middleware records every request to an object URL, so a new page is
audited without anyone remembering to; nothing here may break the response it records."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessments.models import (
    ActionPlan,
    Assessment,
    AssessmentRound,
    AuditAction,
    AuditEvent,
    Company,
    ConsultantGrant,
    GroupStore,
    Invitation,
    Membership,
    Review,
)
from assessments.throttle import allow, client_address

logger = logging.getLogger(__name__)

# URL kwarg → how to find the company an object belongs to. The most specific object first: a
# request for company A's grant under company B's URL concerns A (and is filed under A).
COMPANY_OF = {
    "grant_id": (ConsultantGrant, "company_id"),
    "invitation_id": (Invitation, "company_id"),
    "membership_id": (Membership, "company_id"),
    "review_id": (Review, "assessment__company_id"),
    "round_id": (AssessmentRound, "company_id"),
    "assessment_id": (Assessment, "company_id"),
    "company_id": (Company, "pk"),  # checked: a made-up id must not become a dangling key
    "plan_id": (ActionPlan, "company_id"),  # the action plan and its actions' edits
    "group_store_id": (GroupStore, "company_id"),  # a store's membership of a group (issue 16)
}


def note(request, *, companies=None, action=None) -> None:
    """What a view tells the audit log that its URL does not: the companies a request concerned
    (an invitation's, every company of an export) and its real outcome (a refused reuse)."""
    if companies is not None:
        request.audit_companies = [c for c in companies if c is not None]
    if action is not None:
        request.audit_action = action


ACTION_BY_URL = {
    "assessment_report_pdf": AuditAction.DOWNLOAD,
    "consultant_export_csv": AuditAction.EXPORT,
    "consultant_export_xlsx": AuditAction.EXPORT,
    "grant_revoke": AuditAction.REVOKE,
    "invitation_accept": AuditAction.GRANT,
    "plan_export_xlsx": AuditAction.EXPORT,
    "plan_export_ics": AuditAction.EXPORT,
    # Groups (issue 16): a store's consent and its withdrawal, filed under the company like a
    # consultant's grant; the roll-up's exports under every store they contain.
    "group_invitation_accept": AuditAction.GRANT,
    "group_store_leave": AuditAction.REVOKE,
    "group_export_xlsx": AuditAction.EXPORT,
    "group_job_download": AuditAction.DOWNLOAD,
}


def company_id_for(kwargs: dict):
    for name, lookup in COMPANY_OF.items():
        if name not in kwargs:
            continue
        model, field = lookup
        found = model.objects.filter(pk=kwargs[name]).values_list(field, flat=True).first()
        if found is not None:
            return found
    return None


def action_for(request, response, url_name: str) -> str | None:
    if response.status_code == 404:
        return AuditAction.REFUSED
    if response.status_code >= 400:
        return None
    mapped = ACTION_BY_URL.get(url_name)
    if mapped and (
        request.method == "POST" or mapped in (AuditAction.DOWNLOAD, AuditAction.EXPORT)
    ):
        return mapped
    if request.method in ("GET", "HEAD"):
        return AuditAction.VIEW if response.status_code == 200 else None
    if request.method == "POST":
        return AuditAction.CHANGE
    return None


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            self.record(request, response)
        except Exception:  # the log must never turn a served page into an error
            logger.exception("audit event not recorded for %s", request.path)
        return response

    def record(self, request, response):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return
        object_kwarg = next((name for name in COMPANY_OF if name in match.kwargs), None)
        noted = getattr(request, "audit_action", None)
        if object_kwarg is None and match.url_name not in ACTION_BY_URL and noted is None:
            return
        action = getattr(request, "audit_action", None) or action_for(
            request, response, match.url_name
        )
        if action is None:
            return
        if action == AuditAction.REFUSED and not allow(
            "audit-refused", f"user:{user.pk}", settings.REFUSED_AUDIT_RATE_LIMIT, 60
        ):
            return  # one actor cannot flood a company's log with refusals
        companies = getattr(request, "audit_companies", None)
        if companies is None:
            companies = [company_id_for(match.kwargs)]
        address = _ip_or_none(client_address(request))
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    actor=user,
                    company_id=company_id,
                    action=action,
                    target=match.url_name or "",
                    object_id=str(match.kwargs.get(object_kwarg, ""))[:64] if object_kwarg else "",
                    path=request.path[:300],
                    address=address,
                )
                for company_id in companies or [None]
            ]
        )


def _ip_or_none(address: str):
    import ipaddress

    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def company_events(company, *, page: int, per_page: int = 50):
    """One page of a company's audit events, newest first, with the actors in one query."""
    events = AuditEvent.objects.filter(company=company).select_related("actor").order_by("-at")
    start = (page - 1) * per_page
    rows = list(events[start : start + per_page + 1])
    return rows[:per_page], len(rows) > per_page


def purge_expired(*, days: int | None = None) -> int:
    """Delete audit events older than ``days`` (settings.AUDIT_RETENTION_DAYS); the number
    deleted. The only deletion of audit rows (manage.py purge_audit_log), bypassing the
    append-only guard on purpose."""
    days = settings.AUDIT_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = models.QuerySet.delete(AuditEvent.objects.filter(at__lt=cutoff))
    return deleted


def anonymise_actor(user) -> int:
    """Drop the addresses of a deleted account's audit events (the rows stay: what was done to
    the company's data remains on record, by "a deleted account")."""
    return models.QuerySet.update(
        AuditEvent.objects.filter(actor=user).exclude(address=None), address=None
    )
