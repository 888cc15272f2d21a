"""The access matrix: every URL pattern of the project, called by every kind of user.

Each pattern that addresses an object (a company, an assessment, a round, a review, a grant, an
invitation…) is listed in MATRIX with who may reach it; it is then called as the company's
owner, a colleague (a member: answers, reads results and reports, manages nothing), a consultant the company grants access to, a consultant it does not, a
consultant whose grant was just revoked, and an anonymous visitor. Those with access get 200 or
a redirect (not to the login page), everyone else 404, the anonymous visitor the login page.

Patterns that address no object are in ALLOWED with the reason. A new pattern in neither makes
`test_every_url_pattern_is_covered` fail: adding a URL means deciding who may open it.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from assessments import plan_services
from assessments.action_plans import proposal_for_report
from assessments.consultants import services as consultant_services
from assessments.groups import services as group_services
from assessments.models import (
    BackgroundJob,
    ConsultantGrant,
    GroupInvitation,
    JobKind,
    JobStatus,
)
from assessments.questionnaire import services as questionnaire_services
from assessments.reports.report import build_report
from assessments.rounds import services as round_services
from tests.campaign_helpers import make_campaign
from tests.factories import (
    full_answers,
    make_assessment,
    make_colleague,
    make_company,
    make_consultant,
    make_review,
    make_user,
)

pytestmark = pytest.mark.django_db

ROLES = ("owner", "colleague", "granted", "ungranted", "revoked", "anonymous")
# Groups (issue 16): an admin of a group the company is an active store of, and an admin of a
# group the company has just left (their next request must be refused).
ROLES += ("group_admin", "left_group_admin")

OWNER = "the company's owner only (manages it; members 404)"
MEMBER = "members of the company"
READ = "members and granted consultants (read-only)"
CONSULTANT = "granted consultants only (managers never reach consultant pages)"
OWN_INVITATION = "the consultant who made the invitation"
PLAN = "members and granted consultants (both may make and edit the action plan)"
READ_GROUP = "members, granted consultants and admins of a group it is an active store of"
GROUP = "the group's admins only (the store's own owner 404s on group pages)"

WHO = {
    OWNER: {"owner"},
    MEMBER: {"owner", "colleague"},
    READ: {"owner", "colleague", "granted"},
    CONSULTANT: {"granted"},
    OWN_INVITATION: {"granted"},
    PLAN: {"owner", "colleague", "granted"},
    READ_GROUP: {"owner", "colleague", "granted", "group_admin"},
    GROUP: {"group_admin"},
}
CAMPAIGN_ADMIN = "the group's admins only (none of the company roles here)"
WHO[CAMPAIGN_ADMIN] = set()

# name: (method, {url kwarg: key in the world}, access)
MATRIX = {
    "company_detail": ("get", {"company_id": "company"}, READ),
    "company_edit": ("get", {"company_id": "company"}, OWNER),
    "company_audit": ("get", {"company_id": "company"}, OWNER),
    "company_renew_join_code": ("post", {"company_id": "company"}, OWNER),
    "company_member_remove": (
        "post",
        {"company_id": "company", "membership_id": "membership"},
        OWNER,
    ),
    "company_owner_transfer": (
        "post",
        {"company_id": "company", "membership_id": "membership"},
        OWNER,
    ),
    "assessment_start": ("post", {"company_id": "company"}, MEMBER),
    "company_consultants": ("get", {"company_id": "company"}, OWNER),
    "grant_revoke": ("post", {"company_id": "company", "grant_id": "grant"}, OWNER),
    "company_invitation_cancel": (
        "post",
        {"company_id": "company", "invitation_id": "company_invitation"},
        OWNER,
    ),
    "company_progress": ("get", {"company_id": "company"}, READ),
    "round_create": ("get", {"company_id": "company"}, OWNER),
    "round_detail": ("get", {"round_id": "round"}, READ),
    "round_close": ("post", {"round_id": "round"}, OWNER),
    "assessment_detail": ("get", {"assessment_id": "submitted"}, READ),
    "assessment_result": ("get", {"assessment_id": "submitted"}, READ_GROUP),
    "assessment_business": ("get", {"assessment_id": "submitted"}, READ),
    # The PDF: members for now. Once assessments/reports/pdf_views.py reads with
    # assessment_for_user(..., allow_consultant=True) this becomes READ.
    "assessment_report_pdf": ("get", {"assessment_id": "submitted"}, READ_GROUP),
    "assessment_step": ("get", {"assessment_id": "draft", "step": 1}, MEMBER),
    "assessment_submit": ("post", {"assessment_id": "draft"}, MEMBER),
    "assessment_reassess": ("post", {"assessment_id": "submitted"}, MEMBER),
    "assessment_review": ("get", {"assessment_id": "submitted"}, CONSULTANT),
    "review_detail": ("get", {"review_id": "review"}, READ),
    "consultant_invitation_cancel": (
        "post",
        {"invitation_id": "consultant_invitation"},
        OWN_INVITATION,
    ),
    # The action plan (issue 14).
    "assessment_plan": ("post", {"assessment_id": "submitted"}, PLAN),
    "plan_detail": ("get", {"plan_id": "plan"}, PLAN),
    "plan_action_add": ("post", {"plan_id": "plan"}, PLAN),
    "plan_action_edit": ("post", {"plan_id": "plan", "action_id": "plan_action"}, PLAN),
    "plan_export_xlsx": ("get", {"plan_id": "plan"}, PLAN),
    "plan_export_ics": ("get", {"plan_id": "plan"}, PLAN),
    # Groups (issue 16).
    "company_groups": ("get", {"company_id": "company"}, OWNER),
    "group_store_leave": (
        "post",
        {"company_id": "company", "group_store_id": "group_store"},
        OWNER,
    ),
    "group_rollup": ("get", {"group_id": "group"}, GROUP),
    "group_manage": ("get", {"group_id": "group"}, GROUP),
    "group_admin_add": ("post", {"group_id": "group"}, GROUP),
    "group_admin_remove": ("post", {"group_id": "group", "admin_id": "group_admin_row"}, GROUP),
    "group_region_add": ("post", {"group_id": "group"}, GROUP),
    "group_region_rename": ("post", {"group_id": "group", "region_id": "region"}, GROUP),
    "group_invite": ("post", {"group_id": "group"}, GROUP),
    "group_store_create": ("post", {"group_id": "group"}, GROUP),
    "group_invitation_cancel": (
        "post",
        {"group_id": "group", "invitation_id": "group_invitation"},
        GROUP,
    ),
    "group_export_xlsx": ("get", {"group_id": "group"}, GROUP),
    "group_job_start": ("post", {"group_id": "group", "kind": "job_kind"}, GROUP),
    "group_job": ("get", {"group_id": "group", "job_id": "job"}, GROUP),
    "group_job_status": ("get", {"group_id": "group", "job_id": "job"}, GROUP),
    "group_job_download": ("get", {"group_id": "group", "job_id": "job"}, GROUP),
    # Campaigns (issue 16): the group's admins only; every company role 404
    # (the admins themselves and other groups' admins: tests/test_campaign_access.py).
    "campaign_list": ("get", {"group_id": "campaign_group"}, CAMPAIGN_ADMIN),
    "campaign_create": ("get", {"group_id": "campaign_group"}, CAMPAIGN_ADMIN),
    "campaign_template_csv": ("get", {"group_id": "campaign_group"}, CAMPAIGN_ADMIN),
    "campaign_template_xlsx": ("get", {"group_id": "campaign_group"}, CAMPAIGN_ADMIN),
    "campaign_detail": (
        "get",
        {"group_id": "campaign_group", "campaign_id": "campaign"},
        CAMPAIGN_ADMIN,
    ),
    "campaign_upload": (
        "post",
        {"group_id": "campaign_group", "campaign_id": "campaign"},
        CAMPAIGN_ADMIN,
    ),
    "campaign_invite": (
        "post",
        {"group_id": "campaign_group", "campaign_id": "campaign"},
        CAMPAIGN_ADMIN,
    ),
    "campaign_remind": (
        "post",
        {"group_id": "campaign_group", "campaign_id": "campaign"},
        CAMPAIGN_ADMIN,
    ),
    "campaign_close": (
        "post",
        {"group_id": "campaign_group", "campaign_id": "campaign"},
        CAMPAIGN_ADMIN,
    ),
}

# Patterns that address no object, with the reason they are not in the matrix.
ALLOWED = {
    "privacy_notice": "the privacy notice, public",
    "account": "the signed-in person's own account page (tests/test_privacy.py)",
    "account_data": "the signed-in person's own data, JSON (tests/test_privacy.py)",
    "account_delete": "deletes the signed-in person's own account (tests/test_privacy.py)",
    "ping": "health check, public",
    "healthz": "health check, public",
    "set_language": "language switch, public",
    "home": "public page",
    "model_overview": "the maturity model: public reference data",
    "model_level": "the maturity model (a level number, not an object id): public",
    "model_laws": "the maturity model: public",
    "model_glossary": "the maturity model: public",
    "api_model": "the maturity model as JSON: public",
    "api_score": "stateless scoring API: stores nothing, reads nothing",
    "api_openapi": "the public API's OpenAPI description",
    "login": "own account",
    "admin_login": "the admin's sign-in (rate-limited like the app's), no object",
    "logout": "own account",
    "signup": "own account",
    "signup_activate": "signed one-time token of the sign-up email, not an id "
    "(tests/test_signup_no_enumeration.py)",
    "consultant_signup": "own account",
    "password_change": "own account",
    "password_change_done": "own account",
    "password_reset": "own account",
    "password_reset_done": "own account",
    "password_reset_confirm": "signed one-time token of Django's password reset, not an id",
    "password_reset_complete": "own account",
    "workspace": "redirects to the user's own company or dashboard",
    "company_create": "creates the user's own company",
    "company_join": "bearer join code; unknown code 404 (tests/test_accounts_and_company.py)",
    "invitation_accept": "bearer invitation token; unknown 404, single use "
    "(tests/test_consultants.py)",
    "consultant_dashboard": "the consultant's own clients only; managers 404 "
    "(tests/test_consultants.py, tests/test_dashboard.py)",
    "consultant_export_csv": "the consultant's own clients only; managers 404 "
    "(tests/test_export.py)",
    "consultant_export_xlsx": "the consultant's own clients only; managers 404 "
    "(tests/test_export.py)",
    "consultant_invitations": "the consultant's own invitation links; managers 404",
    "email_preferences": "the signed-in person's own email opt-outs (tests/test_email_opt_out.py)",
    "email_unsubscribe": "signed token of an address and a kind, not an id; forged 404 "
    "(tests/test_email_opt_out.py)",
    "group_list": "the signed-in person's own groups",
    "group_create": "creates a group the signed-in person administers",
    "group_invitation_accept": "bearer group invitation token; unknown 404, single use "
    "(tests/test_group_invitation_consent.py)",
    "campaign_link": "bearer one-time campaign token; unknown 404, a second person refused "
    "(tests/test_campaign_link.py)",
}
ALLOWED_NAMESPACES = {"admin": "Django admin: staff only, enforced by the admin site itself"}
# Names the matrix may list before their pattern exists.
NOT_YET: set[str] = set()


def url_patterns(resolver=None, namespace="", prefix=""):
    """(namespaced name, full route, converters, top namespace) of every pattern."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from url_patterns(pattern, inner, route)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            converters = getattr(pattern.pattern, "converters", {})
            yield name, route, converters, namespace.split(":")[0]


def test_every_url_pattern_is_covered():
    uncovered = []
    patterns = list(url_patterns())
    assert len(patterns) > 40, "the URL walk found too few patterns"
    for name, route, _converters, top_namespace in patterns:
        if top_namespace in ALLOWED_NAMESPACES:
            continue
        if name in MATRIX or name in ALLOWED:
            continue
        uncovered.append(f"{name or '(unnamed)'}: {route}")
    assert not uncovered, (
        "URL patterns neither in the access matrix nor allow-listed (decide who may open "
        "them, add them to MATRIX or ALLOWED in tests/test_access_matrix.py):\n"
        + "\n".join(uncovered)
    )


def test_the_matrix_matches_the_patterns():
    routes = {
        name: converters
        for name, _route, converters, top in url_patterns()
        if name and top not in ALLOWED_NAMESPACES
    }
    for name, (_method, params, _access) in MATRIX.items():
        if name not in routes:
            assert name in NOT_YET, f"{name} is in the matrix but is not a URL pattern"
            continue
        assert set(params) == set(routes[name]), (name, set(routes[name]))
    for name in ALLOWED:
        assert name in routes, f"{name} is allow-listed but is not a URL pattern"
    # A pattern that takes an object id cannot hide in the allow-list.
    object_params = [
        name
        for name, converters in routes.items()
        if any(key.endswith("_id") for key in converters) and name not in MATRIX
    ]
    assert object_params == [], object_params


@pytest.fixture
def world(content):
    owner = make_user()
    company = make_company(owner=owner)
    colleague = make_colleague(company)
    submitted = make_assessment(company, owner, content, checklist=["L2.1", "L2.2", "L2.3"])
    draft = make_assessment(company, owner, content, submit=False)

    granted = make_consultant(clients=[company])
    ungranted = make_consultant(clients=[make_company()])  # a consultant of someone else
    revoked = make_consultant(clients=[company])
    make_review(submitted, granted, overall_opinion="签字意见")
    consultant_services.revoke_grant(
        ConsultantGrant.objects.get(consultant=revoked, company=company), by=owner
    )  # just revoked: their next request must be refused

    round_ = round_services.open_round(company=company, opened_by=owner, respondents=[(owner, "")])
    response = round_.assessments.get()
    for step, answers in full_answers(content, checklist=["L1.1", "L1.2", "L1.3"]).items():
        response = questionnaire_services.save_step(
            response, step=step, answers=answers, user=owner
        )
    questionnaire_services.submit_assessment(response, user=owner)

    plan = plan_services.create_plan(
        assessment=submitted,
        user=owner,
        proposal=proposal_for_report(build_report(submitted)),
    )

    group_world = _group_world(company, owner)
    campaign = make_campaign()  # a group the company's people have no role in

    return {
        "users": {
            **group_world["users"],
            "owner": owner,
            "colleague": colleague,
            "granted": granted,
            "ungranted": ungranted,
            "revoked": revoked,
            "anonymous": None,
        },
        "objects": {
            "company": company.pk,
            "submitted": submitted.pk,
            "draft": draft.pk,
            "grant": ConsultantGrant.objects.get(consultant=granted).pk,
            "company_invitation": consultant_services.invite_consultant(
                company=company, email="new@example.com", invited_by=owner, site_url="http://t"
            ).invitation.pk,
            "consultant_invitation": consultant_services.create_company_invitation(
                consultant=granted
            ).pk,
            "round": round_.pk,
            "membership": colleague.membership.pk,
            "review": submitted.reviews.get().pk,
            "plan": plan.pk,
            "plan_action": plan.actions.first().pk,
            "campaign_group": campaign.group_id,
            "campaign": campaign.pk,
            **group_world["objects"],
        },
    }


def _group_world(company, owner) -> dict:
    """A group the company is an active store of, and one it has just left."""
    group_admin, left_group_admin = make_user(), make_user()
    group = group_services.create_group(
        user=group_admin, name="网络", kind="dealer_group", regions=["华东区"]
    )
    membership = group_services.add_store(group, company, consented_by=owner)
    left_group = group_services.create_group(
        user=left_group_admin, name="旧网络", kind="dealer_group", regions=[]
    )
    group_services.leave_group(
        group_services.add_store(left_group, company, consented_by=owner), by=owner
    )
    invitation = GroupInvitation.objects.create(
        group=group, email="store@example.com", expires_at=timezone.now() + timedelta(days=1)
    )
    job = BackgroundJob.objects.create(
        kind=JobKind.NETWORK_PDF,
        group=group,
        requested_by=group_admin,
        status=JobStatus.DONE,
        result=b"%PDF-1.7 test",
        filename="network.pdf",
        content_type="application/pdf",
    )
    return {
        "users": {"group_admin": group_admin, "left_group_admin": left_group_admin},
        "objects": {
            "group": group.pk,
            "group_store": membership.pk,
            "group_admin_row": group.admins.get().pk,
            "region": group.regions.get().pk,
            "group_invitation": invitation.pk,
            "job": job.pk,
            "job_kind": JobKind.NETWORK_PDF.value,
        },
    }


def existing_matrix():
    names = {name for name, _route, _conv, _top in url_patterns() if name}
    return {name: entry for name, entry in MATRIX.items() if name in names}


def call(client, method, url):
    """One request, its database changes rolled back (a POST must not change the world)."""
    data = {"action": "save", "revision": "0"} if method == "post" else None
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    failures = []
    for name, (method, params, access) in existing_matrix().items():
        kwargs = {
            key: world["objects"][value] if isinstance(value, str) else value
            for key, value in params.items()
        }
        url = reverse(name, kwargs=kwargs)
        response = call(client, method, url)
        status = response.status_code
        location = response.get("Location", "")
        if role == "anonymous":
            ok = status == 302 and location.startswith("/accounts/login/?next=")
            expected = "login redirect"
        elif role in WHO[access]:
            ok = status in (200, 302) and not location.startswith("/accounts/login/")
            expected = "200/302"
        else:
            ok = status == 404
            expected = "404"
        if not ok:
            failures.append(
                f"{method.upper()} {url} ({name}, {access}): {status} {location}, "
                f"expected {expected}"
            )
    assert not failures, f"as {role}:\n" + "\n".join(failures)


def test_the_revoked_consultant_had_access_a_moment_before(client, world):
    """The matrix's 'revoked' row is meaningful: the same consultant read the result while the
    grant was active."""
    revoked = world["users"]["revoked"]
    company_pk = world["objects"]["company"]
    grant = ConsultantGrant.objects.get(consultant=revoked, company_id=company_pk)
    owner = world["users"]["owner"]
    client.force_login(revoked)
    url = reverse("assessment_result", args=[world["objects"]["submitted"]])
    assert client.get(url).status_code == 404
    renewed = consultant_services.grant_access(
        company=grant.company, consultant=revoked, granted_by=owner
    )
    assert client.get(url).status_code == 200
    consultant_services.revoke_grant(renewed, by=owner)
    assert client.get(url).status_code == 404
