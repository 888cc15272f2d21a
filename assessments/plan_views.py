"""Action-plan pages: the proposal for a result, the plan, its edits and additions, exports.

Who may: members of the company and the consultants it grants access to (both may create and
edit the plan: the consultant helps the manager write it); anyone else gets 404, an anonymous
visitor the login page. Every request to these URLs is recorded by the audit middleware (the
URLs carry `assessment_id` or `plan_id`; a POST is a change, the files are exports).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import plan_services
from assessments.access import assessment_for_user, plan_for_user
from assessments.action_plans import (
    action_rows,
    library_initiatives,
    plan_follow_up,
    plan_of,
    proposal_for_report,
)
from assessments.models import ActionStatus
from assessments.plan_export import plan_ics, plan_xlsx
from assessments.plan_forms import AddActionForm, PlanActionForm
from assessments.reports.report import build_report
from assessments.selectors import action_of_plan


def _submitted_assessment(user, assessment_id):
    assessment = assessment_for_user(user, assessment_id, allow_consultant=True)
    if assessment.is_draft:
        raise Http404
    return assessment


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_plan(request, assessment_id):
    """GET: the proposal (or the plan, if made). POST: make the plan from the proposal."""
    assessment = _submitted_assessment(request.user, assessment_id)
    plan = plan_of(assessment)
    if plan is not None:
        return redirect("plan_detail", plan_id=plan.pk)
    report = build_report(assessment)
    proposal = proposal_for_report(report)
    if request.method == "POST":
        try:
            plan = plan_services.create_plan(
                assessment=assessment, user=request.user, proposal=proposal
            )
        except plan_services.PlanExists:
            plan = plan_of(assessment)
        messages.success(
            request, _("行动计划已创建:前几项举措已按排序放入计划,请指定负责人和日期。")
        )
        return redirect("plan_detail", plan_id=plan.pk)
    return render(
        request,
        "assessments/plan.html",
        {
            "company": assessment.company,
            "assessment": assessment,
            "report": report,
            "proposal": proposal,
            "plan": None,
        },
    )


def _action_forms(rows):
    return [
        (
            row,
            PlanActionForm(
                prefix=str(row.action.pk),
                initial={
                    "title": row.action.title,
                    "owner_name": row.action.owner_name,
                    "due_date": row.action.due_date,
                    "status": row.action.status,
                    "notes": row.action.notes,
                },
            ),
        )
        for row in rows
    ]


def _addable(plan):
    taken = set(plan.actions.exclude(initiative=None).values_list("initiative__code", flat=True))
    company_type = plan.company.type
    return [
        i
        for i in library_initiatives(plan.library)
        if i.code not in taken and company_type in i.company_types
    ]


@login_required
@require_safe
def plan_detail(request, plan_id):
    plan = plan_for_user(request.user, plan_id)
    report = build_report(plan.assessment)
    rows = action_rows(plan)
    return render(
        request,
        "assessments/plan.html",
        {
            "company": plan.company,
            "assessment": plan.assessment,
            "report": report,
            "proposal": proposal_for_report(report),
            "plan": plan,
            "action_forms": _action_forms(rows),
            "add_form": AddActionForm(initiatives=_addable(plan)),
            "follow_up": _follow_up_of(plan, report.content),
            "today": timezone.localdate(),
            "statuses": ActionStatus,
        },
    )


def _follow_up_of(plan, content):
    follow_up = plan_follow_up(plan.company, content)
    return follow_up if follow_up and follow_up.plan.pk == plan.pk else None


@login_required
@require_POST
def plan_action_edit(request, plan_id, action_id):
    plan = plan_for_user(request.user, plan_id)
    action = action_of_plan(plan, action_id)
    form = PlanActionForm(request.POST, prefix=str(action.pk))
    if form.is_valid():
        plan_services.update_action(action, **form.cleaned_data)
        messages.success(request, _("已保存:%(title)s") % {"title": action.display_title})
    else:
        messages.error(request, _("没有保存:请检查日期和状态。"))
    return redirect("plan_detail", plan_id=plan.pk)


@login_required
@require_POST
def plan_action_add(request, plan_id):
    plan = plan_for_user(request.user, plan_id)
    form = AddActionForm(request.POST, initiatives=_addable(plan))
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, error)
        if not form.non_field_errors():
            messages.error(request, _("没有添加:请检查填写的内容。"))
        return redirect("plan_detail", plan_id=plan.pk)
    data = form.cleaned_data
    fields = {"owner_name": data.get("owner_name"), "due_date": data.get("due_date")}
    if data["initiative"] is not None:
        plan_services.add_library_action(plan, initiative=data["initiative"], **fields)
    else:
        plan_services.add_free_action(plan, title=data["title"].strip(), **fields)
    messages.success(request, _("已添加到行动计划。"))
    return redirect("plan_detail", plan_id=plan.pk)


@login_required
@require_safe
def plan_export_xlsx(request, plan_id):
    plan = plan_for_user(request.user, plan_id)
    response = HttpResponse(
        plan_xlsx(plan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="action-plan-{timezone.localdate():%Y%m%d}.xlsx"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def plan_export_ics(request, plan_id):
    plan = plan_for_user(request.user, plan_id)
    response = HttpResponse(plan_ics(plan), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="action-plan-milestones.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
