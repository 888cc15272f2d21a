"""Pages of a round with several respondents: opening it (the owner), its page, closing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.access import company_for_user, is_owner, round_for_user
from assessments.rounds import services
from assessments.rounds.forms import RoundForm
from assessments.rounds.summary import round_summary


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def round_create(request, company_id):
    company = company_for_user(request.user, company_id, owner_only=True)
    memberships = company.memberships.select_related("user").order_by("joined_at")
    form = RoundForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.open_round(
                company=company, opened_by=request.user, respondents=form.respondents()
            )
        except services.RoundAlreadyOpen:
            messages.error(request, _("已有一次进行中的多人评估。请先结束它,再发起新的。"))
            return redirect("company_detail", company_id=company.pk)
        messages.success(request, _("多人评估已发起。每位答卷人登录后会在企业页面看到自己的答卷。"))
        return redirect("round_detail", round_id=round_.pk)
    return render(request, "assessments/round_form.html", {"company": company, "form": form})


@login_required
@require_safe
def round_detail(request, round_id):
    round_ = round_for_user(request.user, round_id, allow_consultant=True)
    summary = round_summary(round_)
    return render(
        request,
        "assessments/round_detail.html",
        {
            "round": round_,
            "company": round_.company,
            "summary": summary,
            "viewer_is_member": round_.viewer_is_member,
            "viewer_is_owner": round_.viewer_is_member and is_owner(request.user, round_.company),
            "my_response": next(
                (a for a in summary.responses if a.respondent_id == request.user.pk), None
            ),
        },
    )


@login_required
@require_POST
def round_close(request, round_id):
    round_ = round_for_user(request.user, round_id, owner_only=True)
    try:
        result = services.close_round(round_, user=request.user)
    except services.RoundHasNoAnswers:
        messages.error(request, _("还没有人提交答卷,不能结束。"))
        return redirect("round_detail", round_id=round_.pk)
    except services.RoundClosed:
        messages.info(request, _("这次多人评估已经结束。"))
        return redirect("round_detail", round_id=round_.pk)
    messages.success(request, _("多人评估已结束,以下是合并后的诊断结果。"))
    return redirect("assessment_result", assessment_id=result.pk)
