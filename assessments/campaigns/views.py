"""Pages of campaigns: the group admin's list, new campaign, campaign page (upload, invite,
remind, close), the template files, and a store's one-time link `/c/<token>/`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import audit
from assessments.access import group_for_user
from assessments.accounts import find_account
from assessments.campaigns import importer, reads, services
from assessments.campaigns.forms import (
    CampaignForm,
    LinkSignUpForm,
    StoreDetailsForm,
    StoreListForm,
)
from assessments.models import AuditAction, Campaign, CampaignStatus, CampaignStore


def _campaign(user, group_id, campaign_id) -> Campaign:
    group = group_for_user(user, group_id)  # 404 unless an admin of this group
    return get_object_or_404(
        Campaign.objects.select_related("group", "model_version"), pk=campaign_id, group=group
    )


@login_required
@require_safe
def campaign_list(request, group_id):
    group = group_for_user(request.user, group_id)
    campaigns = [
        (campaign, reads.campaign_counts(campaign)) for campaign in reads.group_campaigns(group)
    ]
    return render(request, "campaigns/list.html", {"group": group, "campaigns": campaigns})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def campaign_create(request, group_id):
    group = group_for_user(request.user, group_id)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = services.create_campaign(group=group, user=request.user, **form.cleaned_data)
        messages.success(request, _("活动已创建。下一步:上传门店名单。"))
        return redirect("campaign_detail", group_id=group.pk, campaign_id=campaign.pk)
    return render(request, "campaigns/form.html", {"group": group, "form": form})


def _detail(request, campaign, *, upload_form=None, parsed=None, filename="", status=200):
    stage = request.GET.get("stage", "")
    if stage not in reads.STAGES:
        stage = ""
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "group": campaign.group,
        "campaign": campaign,
        "counts": reads.campaign_counts(campaign),
        "rows": reads.filtered_rows(campaign, stage=stage, query=query),
        "stages": reads.STAGES,
        "stage": stage,
        "query": query,
        "upload_form": upload_form or StoreListForm(),
        "parsed": parsed,
        "filename": filename,
        "is_open": campaign.status == CampaignStatus.OPEN,
    }
    return render(request, "campaigns/detail.html", context, status=status)


@login_required
@require_safe
def campaign_detail(request, group_id, campaign_id):
    return _detail(request, _campaign(request.user, group_id, campaign_id))


@login_required
@require_POST
def campaign_upload(request, group_id, campaign_id):
    campaign = _campaign(request.user, group_id, campaign_id)
    form = StoreListForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, campaign, upload_form=form, status=400)
    upload = form.cleaned_data["file"]
    if upload.size > importer.MAX_BYTES:
        form.add_error("file", _("文件太大(最多 10 MB)。"))
        return _detail(request, campaign, upload_form=form, status=400)
    try:
        parsed = services.import_stores(campaign, content=upload.read(), filename=upload.name)
    except services.CampaignClosed:
        messages.error(request, _("活动已结束,不能再导入门店。"))
        return redirect("campaign_detail", group_id=group_id, campaign_id=campaign.pk)
    if not parsed.ok:
        return _detail(
            request, campaign, upload_form=form, parsed=parsed, filename=upload.name, status=400
        )
    messages.success(
        request,
        _("已导入 %(count)s 家门店。下一步:发送邀请。") % {"count": len(parsed.rows)},
    )
    return redirect("campaign_detail", group_id=group_id, campaign_id=campaign.pk)


@login_required
@require_POST
def campaign_invite(request, group_id, campaign_id):
    campaign = _campaign(request.user, group_id, campaign_id)
    try:
        count = services.queue_invitations(campaign, site_url=request.build_absolute_uri("/"))
    except services.CampaignClosed:
        messages.error(request, _("活动已结束,不能再发送邀请。"))
    else:
        if count:
            messages.success(
                request,
                _("正在向 %(count)s 家门店发送邀请邮件。") % {"count": count},
            )
        else:
            messages.info(request, _("所有门店都已邀请过了。"))
    return redirect("campaign_detail", group_id=group_id, campaign_id=campaign.pk)


@login_required
@require_POST
def campaign_remind(request, group_id, campaign_id):
    campaign = _campaign(request.user, group_id, campaign_id)
    try:
        count = services.send_reminders_now(campaign, site_url=request.build_absolute_uri("/"))
    except services.CampaignClosed:
        messages.error(request, _("活动已结束,不能再发送提醒。"))
    else:
        if count:
            messages.success(
                request, _("已向 %(count)s 家未提交的门店发送提醒。") % {"count": count}
            )
        else:
            messages.info(
                request,
                _("没有需要提醒的门店(都已提交,或今天已经提醒过)。"),
            )
    return redirect("campaign_detail", group_id=group_id, campaign_id=campaign.pk)


@login_required
@require_POST
def campaign_close(request, group_id, campaign_id):
    campaign = _campaign(request.user, group_id, campaign_id)
    services.close_campaign(campaign)
    messages.success(request, _("活动已结束。门店链接不再接受新的加入,已提交的结果保留。"))
    return redirect("campaign_detail", group_id=group_id, campaign_id=campaign.pk)


@login_required
@require_safe
def campaign_template(request, group_id, fmt):
    group_for_user(request.user, group_id)
    if fmt == "xlsx":
        response = HttpResponse(
            importer.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(importer.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="store-list-template.{fmt}"'
    return response


# --- The store's one-time link ------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def campaign_link(request, token):
    row = (
        CampaignStore.objects.select_related("campaign__group", "campaign__model_version")
        .filter(token=token)
        .first()
    )
    if row is None:
        return render(request, "campaigns/link_invalid.html", status=404)
    campaign = row.campaign
    user = request.user
    context = {"row": row, "campaign": campaign, "group": campaign.group}

    if row.token_used_by_id is not None:
        if user.is_authenticated and user.pk == row.token_used_by_id:
            assessment = services.assessment_of(row)
            if assessment is not None:
                name, args = services.where_to_go(assessment)
                return redirect(name, *args)
        if not user.is_authenticated:
            context["used_login"] = True
        return render(
            request,
            "campaigns/link_used.html",
            context,
            status=200 if not user.is_authenticated else 403,
        )

    if campaign.status != CampaignStatus.OPEN:
        return render(request, "campaigns/link_closed.html", context, status=410)

    if not user.is_authenticated:
        if find_account(row.email) is not None:
            return render(request, "campaigns/link_login.html", context)
        form = LinkSignUpForm(request.POST or None, email=row.email)
        if request.method == "POST" and form.is_valid():
            try:
                new_user, assessment = services.sign_up_through_link(
                    row,
                    name=form.cleaned_data["name"],
                    password=form.cleaned_data["password1"],
                    company_fields=form.company_fields(),
                )
            except services.LinkUsedByAnother:
                return render(request, "campaigns/link_used.html", context, status=403)
            login(request, new_user, backend="assessments.auth.EmailOrUsernameBackend")
            audit.note(request, companies=[assessment.company_id], action=AuditAction.GRANT)
            messages.success(
                request,
                _("已加入“%(group)s”的测评活动。请从第 1 步开始填写。")
                % {"group": campaign.group.name},
            )
            return redirect("assessment_step", assessment.pk, 1)
        context["form"] = form
        if request.method == "POST":
            return render(request, "campaigns/link_signup.html", context, status=400)
        return render(request, "campaigns/link_signup.html", context)

    try:
        company = services.company_to_use(row, user)
    except services.CannotJoinWithThisAccount as refusal:
        context["other_company"] = refusal.company
        return render(request, "campaigns/link_wrong_account.html", context, status=403)
    form = None if company is not None else StoreDetailsForm(request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            assessment = services.accept_link(
                row, user=user, company_fields=form.cleaned_data if form else None
            )
        except services.LinkUsedByAnother:
            return render(request, "campaigns/link_used.html", context, status=403)
        except services.CampaignClosed:
            return render(request, "campaigns/link_closed.html", context, status=410)
        except services.CannotJoinWithThisAccount:
            return render(request, "campaigns/link_wrong_account.html", context, status=403)
        audit.note(request, companies=[assessment.company_id], action=AuditAction.GRANT)
        messages.success(
            request,
            _("已加入“%(group)s”的测评活动。请从第 1 步开始填写。")
            % {"group": campaign.group.name},
        )
        name, args = services.where_to_go(assessment)
        return redirect(name, *args)
    context.update({"form": form, "company": company})
    return render(
        request,
        "campaigns/link_accept.html",
        context,
        status=400 if request.method == "POST" else 200,
    )
