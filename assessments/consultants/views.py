"""Pages of consultants and of the features around them: access grants and invitations, the
consultant's dashboard and exports, and reviews.

Thin, like `assessments.companies.views`: look up through `access` (which enforces access — a
consultant reads only what a company currently grants, a manager never reaches consultant
pages), validate with forms, change state through one service function.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import audit
from assessments.access import assessment_for_user, company_for_user, review_for_user
from assessments.action_plans import overdue_actions
from assessments.auth import rate_limited
from assessments.companies import services
from assessments.consultants import services as consultant_services
from assessments.consultants.dashboard import (
    ClientStatus,
    dashboard_page,
    export_assessments,
    granted_companies,
    level_distribution,
)
from assessments.consultants.forms import (
    REVIEW_SECTION_LABELS,
    CompanyInvitationForm,
    ConsultantSignUpForm,
    DashboardFilterForm,
    InviteConsultantForm,
    ReviewForm,
)
from assessments.export import csv_lines, export_header, export_row, xlsx_bytes
from assessments.models import AuditAction, InvitationDirection
from assessments.reports import charts
from assessments.selectors import (
    company_grants,
    company_invitations,
    consultant_for,
    consultant_profile_of,
    content_for,
    grant_of_company,
    invitation_by_token,
    invitation_of_company,
    invitation_of_consultant,
    latest_review,
    membership_of,
    review_history,
)
from assessments.selectors import consultant_invitations as own_invitations
from maturity.selectors import model_content

# ---------------------------------------------------------------------------------------------
# Accounts and invitations
# ---------------------------------------------------------------------------------------------


def _pending_invitation(token: str | None):
    if not token:
        return None
    try:
        invitation = invitation_by_token(token)
    except Http404:
        return None
    if invitation.direction != InvitationDirection.TO_CONSULTANT or not invitation.is_pending:
        return None
    return invitation


@rate_limited("signup", "SIGNUP_RATE_LIMIT", 3600)
@require_http_methods(["GET", "HEAD", "POST"])
def consultant_signup(request):
    if request.user.is_authenticated:
        return redirect("workspace")
    token = request.POST.get("invitation") or request.GET.get("invitation")
    invitation = _pending_invitation(token)
    form = ConsultantSignUpForm(
        request.POST or None, initial={"email": invitation.email} if invitation else None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.sign_up(
                email=data["email"],
                password=data["password1"],
                site_url=request.build_absolute_uri("/"),
                consultant={"display_name": data["display_name"], "firm_name": data["firm_name"]},
                invitation=invitation,
            )
        except services.InvitationNotSent:
            form.add_error("email", _("邮件发送失败,请检查邮箱地址,或稍后再试。"))
        else:
            if outcome.user is None:
                # The same page whether or not the address has an account.
                return render(request, "registration/signup_sent.html", {"email": data["email"]})
            user = outcome.user
            login(request, user, backend="assessments.auth.EmailOrUsernameBackend")
            if invitation is not None:
                # Signing up through the link accepted it: a grant, filed under the company.
                audit.note(request, companies=[invitation.company_id], action=AuditAction.GRANT)
                messages.success(
                    request,
                    _("注册成功,已接受 %(company)s 的邀请。")
                    % {"company": invitation.company.name},
                )
            else:
                messages.success(
                    request, _("注册成功。请把邀请链接发给客户企业,或等待企业邀请你。")
                )
            return redirect("consultant_dashboard")
    return render(
        request,
        "registration/signup_consultant.html",
        {"form": form, "invitation": invitation, "token": token if invitation else ""},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request, token):
    """The page behind an invitation link. Anyone holding the link sees who invites whom; only
    the right kind of account can accept (a consultant a company's, a manager a consultant's)."""
    invitation = invitation_by_token(token)
    user = request.user
    profile = consultant_profile_of(user)
    membership = membership_of(user) if user.is_authenticated else None
    if invitation.direction == InvitationDirection.TO_CONSULTANT:
        can_accept = profile is not None
    else:
        can_accept = membership is not None
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        # The audit log files the attempt under the company it concerns, refused or not.
        audit.note(
            request,
            companies=[invitation.company_id or getattr(membership, "company_id", None)],
        )
        try:
            grant = consultant_services.accept_invitation(invitation, user=user)
        except consultant_services.InvitationInvalid:
            audit.note(request, action=AuditAction.REFUSED)
            messages.error(request, _("这个邀请链接已失效(已使用、已取消或已过期)。"))
        except consultant_services.NotAConsultant:
            audit.note(request, action=AuditAction.REFUSED)
            messages.error(request, _("只有顾问账号可以接受企业的邀请。"))
        except services.NotTheOwner:
            audit.note(request, action=AuditAction.REFUSED)
            messages.error(request, _("只有企业的创建者可以授权顾问。请让创建者接受这个邀请。"))
        except services.NotAManager:
            audit.note(request, action=AuditAction.REFUSED)
            messages.error(request, _("只有企业成员可以接受顾问的邀请。请先创建或加入企业。"))
        else:
            audit.note(request, companies=[grant.company_id])
            if invitation.direction == InvitationDirection.TO_CONSULTANT:
                messages.success(
                    request,
                    _("已接受邀请:%(company)s 出现在你的客户看板中。")
                    % {"company": grant.company.name},
                )
                return redirect("consultant_dashboard")
            messages.success(request, _("已授权顾问查看你企业的自测结果。你可以随时撤销。"))
            return redirect("company_consultants", company_id=grant.company_id)
        return redirect("invitation_accept", token=token)
    return render(
        request,
        "assessments/invitation_accept.html",
        {
            "invitation": invitation,
            "valid": invitation.is_pending,
            "can_accept": can_accept,
            "profile": profile,
            "membership": membership,
            "inviter": getattr(invitation.consultant, "consultant_profile", None)
            if invitation.direction == InvitationDirection.TO_COMPANY
            else None,
        },
    )


def _per_person(request) -> str:
    return f"user:{request.user.pk}"


@login_required
@rate_limited("invitation", "INVITATION_RATE_LIMIT", 3600, key=_per_person)
@require_http_methods(["GET", "HEAD", "POST"])
def consultant_invitations(request):
    """The consultant's invitation links for companies (create, list, cancel)."""
    profile = consultant_for(request.user)
    form = CompanyInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consultant_services.create_company_invitation(
            consultant=request.user, note=form.cleaned_data["note"]
        )
        messages.success(
            request,
            _("已生成新的邀请链接。把它发给客户企业的管理者,对方登录并接受后即可查看其结果。"),
        )
        return redirect("consultant_invitations")
    invitations = own_invitations(request.user)
    for invitation in invitations:
        invitation.link = request.build_absolute_uri(
            reverse("invitation_accept", args=[invitation.token])
        )
    return render(
        request,
        "assessments/consultant_invitations.html",
        {"profile": profile, "form": form, "invitations": invitations},
    )


@login_required
@require_POST
def consultant_invitation_cancel(request, invitation_id):
    consultant_for(request.user)
    invitation = invitation_of_consultant(request.user, invitation_id)
    consultant_services.cancel_invitation(invitation, by=request.user)
    messages.success(request, _("邀请链接已取消。"))
    return redirect("consultant_invitations")


# ---------------------------------------------------------------------------------------------
# The company's side: who may see our results
# ---------------------------------------------------------------------------------------------


@login_required
@rate_limited("invitation", "INVITATION_RATE_LIMIT", 3600, key=_per_person)
@require_http_methods(["GET", "HEAD", "POST"])
def company_consultants(request, company_id):
    company = company_for_user(request.user, company_id, owner_only=True)
    form = InviteConsultantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = consultant_services.invite_consultant(
                company=company,
                email=form.cleaned_data["email"],
                invited_by=request.user,
                site_url=request.build_absolute_uri("/"),
            )
        except consultant_services.NotAConsultant:
            form.add_error("email", _("这个邮箱属于企业用户账号,不是顾问账号,不能授权。"))
        except services.InvitationNotSent:
            form.add_error(
                "email",
                _("邀请邮件发送失败,没有授权也没有保存邀请。请检查邮箱地址,或稍后再试。"),
            )
        else:
            if outcome.grant is not None:
                messages.success(request, _("已授权该顾问查看本企业的自测结果。"))
            else:
                messages.success(
                    request, _("邀请已发送。对方注册顾问账号并接受邀请后即可查看本企业的自测结果。")
                )
            return redirect("company_consultants", company_id=company.pk)
    return render(
        request,
        "assessments/company_consultants.html",
        {
            "company": company,
            "form": form,
            "grants": company_grants(company),
            "invitations": company_invitations(company),
        },
    )


@login_required
@require_POST
def grant_revoke(request, company_id, grant_id):
    company = company_for_user(request.user, company_id, owner_only=True)
    grant = grant_of_company(company, grant_id)
    consultant_services.revoke_grant(grant, by=request.user)
    messages.success(request, _("已撤销该顾问的访问权限,立即生效。"))
    return redirect("company_consultants", company_id=company.pk)


@login_required
@require_POST
def company_invitation_cancel(request, company_id, invitation_id):
    company = company_for_user(request.user, company_id, owner_only=True)
    invitation = invitation_of_company(company, invitation_id)
    consultant_services.cancel_invitation(invitation, by=request.user)
    messages.success(request, _("邀请已取消。"))
    return redirect("company_consultants", company_id=company.pk)


# ---------------------------------------------------------------------------------------------
# Dashboard and export
# ---------------------------------------------------------------------------------------------


def _filter_query(request) -> str:
    """The dashboard's filters as a query string, without the page number."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_safe
def consultant_dashboard(request):
    profile = consultant_for(request.user)
    form = DashboardFilterForm(request.GET or None)
    filters = form.filters()
    page = dashboard_page(request.user, filters, request.GET.get("page"))
    content = model_content()
    distribution = level_distribution(request.user, [lvl.number for lvl in content.levels])
    chart = charts.level_distribution_chart(
        {n: count for n, count in distribution.items() if n is not None},
        level_labels={lvl.number: f"L{lvl.number} {lvl.short_name}" for lvl in content.levels},
        none_count=distribution[None],
        none_label=_("暂无段位"),
        title=_("客户段位分布"),
    )
    return render(
        request,
        "assessments/consultant_dashboard.html",
        {
            "profile": profile,
            "form": form,
            "page": page,
            "rows": page.object_list,
            "status_labels": ClientStatus.labels,
            "query": _filter_query(request),
            "chart": mark_safe(chart),  # noqa: S308 - generated SVG; labels escaped
            "client_total": sum(distribution.values()),
            "filtered": any(
                request.GET.get(key) for key in ("q", "level", "status", "type", "province")
            ),
            "overdue_actions": overdue_actions(granted_companies(request.user)),  # issue 14
        },
    )


def _export_filters(request):
    form = DashboardFilterForm(request.GET or None)
    return form.filters()


def _note_exported_companies(request, exported) -> None:
    """One audit event per company whose data the export contains."""
    audit.note(
        request,
        companies=sorted(
            set(exported.order_by().values_list("company_id", flat=True).distinct()), key=str
        ),
    )


@login_required
@require_safe
def consultant_export_csv(request):
    consultant_for(request.user)
    content = model_content()
    exported = export_assessments(request.user, _export_filters(request))
    _note_exported_companies(request, exported)
    rows = (export_row(a, content) for a in exported.iterator(chunk_size=1000))
    response = StreamingHttpResponse(
        csv_lines(export_header(content), rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="clients-{timezone.localdate():%Y%m%d}.csv"'
    )
    return response


@login_required
@require_safe
def consultant_export_xlsx(request):
    consultant_for(request.user)
    content = model_content()
    exported = export_assessments(request.user, _export_filters(request))
    _note_exported_companies(request, exported)
    rows = (export_row(a, content) for a in exported.iterator(chunk_size=1000))
    response = HttpResponse(
        xlsx_bytes(export_header(content), rows, sheet_name="clients"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="clients-{timezone.localdate():%Y%m%d}.xlsx"'
    )
    return response


# ---------------------------------------------------------------------------------------------
# Reviews
# ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_review(request, assessment_id):
    """A consultant reviews a submitted result: comments, opinion, confirmed level, sign-off.
    Managers never reach it (404); each save is a new row of the history."""
    profile = consultant_for(request.user)
    assessment = assessment_for_user(request.user, assessment_id, allow_consultant=True)
    if not assessment.viewer_is_consultant or assessment.is_draft:
        raise Http404
    diagnosis = assessment.diagnosis
    form = ReviewForm(
        request.POST or None,
        computed_level=diagnosis.level,
        content=content_for(assessment),
        initial=ReviewForm.initial_from(
            latest_review(assessment), signer_name=profile.display_name
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultant_services.save_review(
                assessment=assessment,
                reviewer=request.user,
                section_comments=form.section_comments(),
                overall_opinion=data["overall_opinion"],
                confirmed_level=data["confirmed_level"],
                justification=data["justification"],
                sign=form.signing,
                signer_name=data["signer_name"],
            )
        except consultant_services.ReviewInvalid as invalid:
            for field, message in invalid.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            if form.signing:
                messages.success(
                    request, _("审阅已签字确认。企业可以在诊断结果和 PDF 报告中看到。")
                )
                return redirect("assessment_result", assessment_id=assessment.pk)
            messages.success(request, _("审阅草稿已保存(尚未签字,企业看不到)。"))
            return redirect("assessment_review", assessment_id=assessment.pk)
    content = content_for(assessment)
    return render(
        request,
        "assessments/review_form.html",
        {
            "assessment": assessment,
            "company": assessment.company,
            "diagnosis": diagnosis,
            "level": content.level(diagnosis.level) if diagnosis.level else None,
            "form": form,
            "section_fields": [
                (REVIEW_SECTION_LABELS[s], form[f"comment_{s}"]) for s in ReviewForm.SECTIONS
            ],
            "history": review_history(assessment, include_drafts=True),
        },
    )


@login_required
@require_safe
def review_detail(request, review_id):
    review = review_for_user(request.user, review_id)
    return render(
        request,
        "assessments/review_detail.html",
        {
            "review": review,
            "assessment": review.assessment,
            "company": review.assessment.company,
            "sections": [
                (REVIEW_SECTION_LABELS[s], review.comment(s))
                for s in ReviewForm.SECTIONS
                if review.comment(s)
            ],
        },
    )
