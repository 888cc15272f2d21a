"""Pages of groups: creating one, its admins, regions and stores, the invitation a store's owner
accepts (consent), the roll-up with its exports and background jobs, and the store owner's page
of the groups that see its results (leave = revoke).

Thin like the other features' views: every group page looks the group up through
`access.group_for_user` (404 unless the user administers it), every company page through
`access.company_for_user(owner_only=True)`; state changes go through `groups.services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import audit
from assessments.access import company_for_user, group_for_user
from assessments.auth import rate_limited
from assessments.groups import documents, selectors, services
from assessments.groups.forms import (
    AdminForm,
    ConsentForm,
    GroupForm,
    HandoverForm,
    InviteStoreForm,
    RegionForm,
    StoreCreateForm,
)
from assessments.groups.rollup import SORTS, build_rollup
from assessments.models import AuditAction, JobKind, JobStatus
from assessments.reports import charts

HEAT_MAP_PAGE = 200


def _per_person(request) -> str:
    return f"user:{request.user.pk}"


# ---------------------------------------------------------------------------------------------
# My groups, a new group, managing it
# ---------------------------------------------------------------------------------------------


@login_required
@require_safe
def group_list(request):
    return render(request, "groups/list.html", {"groups": selectors.groups_of_admin(request.user)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_create(request):
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = services.create_group(
            user=request.user, name=data["name"], kind=data["kind"], regions=data["regions"]
        )
        messages.success(request, _("集团已创建,你是它的管理员。下一步:邀请门店加入。"))
        return redirect("group_manage", group_id=group.pk)
    return render(request, "groups/form.html", {"form": form})


def _manage_context(request, group, **forms) -> dict:
    regions = list(selectors.group_regions(group))
    context = {
        "group": group,
        "admins": selectors.group_admins(group),
        "regions": regions,
        "memberships": selectors.group_memberships(group),
        "invitations": selectors.group_invitations(group),
        "admin_form": AdminForm(),
        "region_form": RegionForm(),
        "invite_form": InviteStoreForm(regions=regions),
        "store_form": StoreCreateForm(regions=regions),
    }
    context.update(forms)
    for invitation in context["invitations"]:
        invitation.pending = services.invitation_is_pending(invitation)
    return context


@login_required
@require_safe
def group_manage(request, group_id):
    group = group_for_user(request.user, group_id)
    return render(request, "groups/manage.html", _manage_context(request, group))


@login_required
@require_POST
def group_admin_add(request, group_id):
    group = group_for_user(request.user, group_id)
    form = AdminForm(request.POST)
    if form.is_valid():
        try:
            services.add_group_admin(group, email=form.cleaned_data["email"], by=request.user)
        except services.UnknownUser:
            form.add_error("email", _("没有使用这个邮箱的账号。请对方先注册,再添加为管理员。"))
        else:
            messages.success(request, _("已添加管理员。"))
            return redirect("group_manage", group_id=group.pk)
    return render(request, "groups/manage.html", _manage_context(request, group, admin_form=form))


@login_required
@require_POST
def group_admin_remove(request, group_id, admin_id):
    group = group_for_user(request.user, group_id)
    admin = selectors.admin_of_group(group, admin_id)
    try:
        services.remove_group_admin(admin, by=request.user)
    except services.LastAdmin:
        messages.error(request, _("集团至少要有一位管理员。"))
    else:
        messages.success(request, _("已移除管理员。"))
        if admin.user_id == request.user.pk:
            return redirect("group_list")
    return redirect("group_manage", group_id=group.pk)


@login_required
@require_POST
def group_region_add(request, group_id):
    group = group_for_user(request.user, group_id)
    form = RegionForm(request.POST)
    if form.is_valid():
        try:
            services.add_region(group, name=form.cleaned_data["name"])
        except services.DuplicateRegion:
            form.add_error("name", _("已经有这个区域了。"))
        else:
            messages.success(request, _("已添加区域。"))
            return redirect("group_manage", group_id=group.pk)
    return render(request, "groups/manage.html", _manage_context(request, group, region_form=form))


@login_required
@require_POST
def group_region_rename(request, group_id, region_id):
    group = group_for_user(request.user, group_id)
    region = selectors.region_of_group(group, region_id)
    form = RegionForm(request.POST)
    if form.is_valid():
        try:
            services.rename_region(region, name=form.cleaned_data["name"])
        except services.DuplicateRegion:
            messages.error(request, _("已经有这个区域了。"))
        else:
            messages.success(request, _("区域已改名。"))
    else:
        messages.error(request, _("请填写区域名称(最多 50 个字)。"))
    return redirect("group_manage", group_id=group.pk)


@login_required
@rate_limited("invitation", "INVITATION_RATE_LIMIT", 3600, key=_per_person)
@require_POST
def group_invite(request, group_id):
    group = group_for_user(request.user, group_id)
    regions = list(selectors.group_regions(group))
    form = InviteStoreForm(request.POST, regions=regions)
    if form.is_valid():
        data = form.cleaned_data
        services.invite_store(
            group,
            email=data["email"],
            region=data["region"],
            city=data["city"],
            by=request.user,
            site_url=request.build_absolute_uri("/"),
        )
        messages.success(
            request,
            _("邀请已发送到 %(email)s。门店负责人同意后,集团才能看到它的结果。")
            % {"email": data["email"]},
        )
        return redirect("group_manage", group_id=group.pk)
    return render(request, "groups/manage.html", _manage_context(request, group, invite_form=form))


@login_required
@rate_limited("invitation", "INVITATION_RATE_LIMIT", 3600, key=_per_person)
@require_POST
def group_store_create(request, group_id):
    group = group_for_user(request.user, group_id)
    regions = list(selectors.group_regions(group))
    form = StoreCreateForm(request.POST, regions=regions)
    if form.is_valid():
        data = form.cleaned_data
        invitation = services.create_store(
            group, by=request.user, site_url=request.build_absolute_uri("/"), **data
        )
        audit.note(request, companies=[invitation.company_id], action=AuditAction.CHANGE)
        messages.success(
            request,
            _("门店已创建,接管链接已发送到 %(email)s。对方接受后成为门店管理者。")
            % {"email": data["email"]},
        )
        return redirect("group_manage", group_id=group.pk)
    return render(request, "groups/manage.html", _manage_context(request, group, store_form=form))


@login_required
@require_POST
def group_invitation_cancel(request, group_id, invitation_id):
    group = group_for_user(request.user, group_id)
    invitation = selectors.invitation_of_group(group, invitation_id)
    services.cancel_invitation(invitation)
    messages.success(request, _("邀请已取消。"))
    return redirect("group_manage", group_id=group.pk)


# ---------------------------------------------------------------------------------------------
# The store's side: the invitation (consent) and the groups that see its results
# ---------------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def group_invitation_accept(request, token):
    """The page behind the group's link: what the group will see, and the owner's consent."""
    invitation = selectors.invitation_by_token(token)
    valid = services.invitation_is_pending(invitation)
    user = request.user
    handover = invitation.company_id is not None
    companies = [] if handover else selectors.companies_owned_by(user)
    membership = selectors.owner_membership(user)
    if handover:
        form = HandoverForm(request.POST or None)
        can_accept = (
            user.is_authenticated and membership is None and not hasattr(user, "consultant_profile")
        )
    else:
        form = ConsentForm(request.POST or None, companies=companies)
        can_accept = bool(companies)
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        if valid and can_accept and form.is_valid():
            company = None if handover else form.cleaned_data["company"]
            audit.note(request, companies=[invitation.company_id or company.pk])
            try:
                joined = services.accept_invitation(invitation, user=user, company=company)
            except services.InvitationInvalid:
                audit.note(request, action=AuditAction.REFUSED)
                messages.error(request, _("这个邀请链接已失效(已使用、已取消或已过期)。"))
            except (services.NotTheStoreOwner, services.AlreadyInCompany):
                audit.note(request, action=AuditAction.REFUSED)
                messages.error(request, _("只有企业的创建者可以让企业加入集团。"))
            else:
                messages.success(
                    request,
                    _("%(company)s 已加入 %(group)s。你可以随时在“所属集团”页面退出。")
                    % {"company": joined.company.name, "group": invitation.group.name},
                )
                return redirect("company_groups", company_id=joined.company_id)
            return redirect("group_invitation_accept", token=token)
    return render(
        request,
        "groups/invitation_accept.html",
        {
            "invitation": invitation,
            "valid": valid,
            "handover": handover,
            "form": form,
            "can_accept": can_accept,
            "companies": companies,
            "membership": membership,
        },
    )


@login_required
@require_safe
def company_groups(request, company_id):
    company = company_for_user(request.user, company_id, owner_only=True)
    return render(
        request,
        "groups/company_groups.html",
        {"company": company, "memberships": selectors.company_memberships(company)},
    )


@login_required
@require_POST
def group_store_leave(request, company_id, group_store_id):
    company = company_for_user(request.user, company_id, owner_only=True)
    membership = selectors.membership_of_company(company, group_store_id)
    services.leave_group(membership, by=request.user)
    messages.success(
        request,
        _("已退出 %(group)s:它的管理员从现在起看不到本企业的结果。")
        % {"group": membership.group.name},
    )
    return redirect("company_groups", company_id=company.pk)


# ---------------------------------------------------------------------------------------------
# The roll-up, its exports and jobs
# ---------------------------------------------------------------------------------------------


def _rollup_for(request, group):
    sort = request.GET.get("sort", "name")
    return build_rollup(
        group,
        campaign_id=request.GET.get("campaign"),
        change_from_id=request.GET.get("from"),
        change_to_id=request.GET.get("to"),
        sort=sort if sort in SORTS else "name",
    )


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@login_required
@require_safe
def group_rollup(request, group_id):
    group = group_for_user(request.user, group_id)
    rollup = _rollup_for(request, group)
    content = rollup.content
    chart = charts.level_distribution_chart(
        dict(rollup.distribution),
        level_labels={lvl.number: f"L{lvl.number} {lvl.short_name}" for lvl in content.levels},
        none_count=rollup.no_result,
        none_label=_("暂无结果"),
        title=_("门店段位分布"),
    )
    page = Paginator(rollup.rows, HEAT_MAP_PAGE).get_page(request.GET.get("page"))
    changes = Paginator(rollup.changes, HEAT_MAP_PAGE).get_page(request.GET.get("change_page"))
    return render(
        request,
        "groups/rollup.html",
        {
            "group": group,
            "rollup": rollup,
            "chart": mark_safe(chart),  # noqa: S308 - generated SVG; labels escaped
            "page": page,
            "change_page": changes,
            "sort": request.GET.get("sort", "name"),
            "sort_query": _query_without(request, "sort", "page"),
            "page_query": _query_without(request, "page"),
            "change_query": _query_without(request, "change_page"),
            "export_query": _query_without(request, "sort", "page", "change_page"),
            "jobs": group.jobs.defer("result").order_by("-created_at")[:5],
        },
    )


@login_required
@require_safe
def group_export_xlsx(request, group_id):
    group = group_for_user(request.user, group_id)
    rollup = _rollup_for(request, group)
    audit.note(request, companies=[row.company_id for row in rollup.rows])
    response = HttpResponse(documents.rollup_xlsx(rollup), content_type=documents.XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="network-{timezone.localdate():%Y%m%d}.xlsx"'
    )
    return response


@login_required
@require_POST
def group_job_start(request, group_id, kind):
    group = group_for_user(request.user, group_id)
    if kind not in (JobKind.NETWORK_PDF, JobKind.REPORTS_ZIP):
        return redirect("group_rollup", group_id=group.pk)
    job = services.start_job(
        group,
        kind=kind,
        user=request.user,
        language=translation.get_language() or "zh-hans",
        params={"campaign": request.POST.get("campaign", "")},
    )
    return redirect("group_job", group_id=group.pk, job_id=job.pk)


def _job_status(group, job) -> dict:
    total = job.progress_total
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "done": job.progress_done,
        "total": total,
        "percent": round(100 * job.progress_done / total) if total else 0,
        "download_url": reverse("group_job_download", args=[group.pk, job.pk])
        if job.status == JobStatus.DONE
        else "",
    }


@login_required
@require_safe
def group_job(request, group_id, job_id):
    group = group_for_user(request.user, group_id)
    job = selectors.job_of_group(group, job_id)
    return render(
        request,
        "groups/job.html",
        {
            "group": group,
            "job": job,
            "state": _job_status(group, job),
            "finished": job.status in (JobStatus.DONE, JobStatus.FAILED),
        },
    )


@login_required
@require_safe
def group_job_status(request, group_id, job_id):
    group = group_for_user(request.user, group_id)
    job = selectors.job_of_group(group, job_id)
    response = JsonResponse(_job_status(group, job))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def group_job_download(request, group_id, job_id):
    group = group_for_user(request.user, group_id)
    job = selectors.job_file(group, job_id)
    audit.note(
        request,
        companies=selectors.active_company_ids(group),
        action=AuditAction.DOWNLOAD,
    )
    response = HttpResponse(bytes(job.result), content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
