"""The optional business figures page of an assessment (never needed to see the result)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments.access import assessment_for_user
from assessments.business_forms import BusinessFiguresForm
from assessments.business_services import save_business_figures
from assessments.selectors import figures_carried_from


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_business(request, assessment_id):
    assessment = assessment_for_user(request.user, assessment_id, allow_consultant=True)
    can_edit = bool(assessment.viewer_is_member)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = BusinessFiguresForm(request.POST)
        if form.is_valid():
            save_business_figures(assessment, figures=form.figures(), user=request.user)
            messages.success(request, _("经营数字已保存。它们不影响诊断段位。"))
            if assessment.is_draft:
                return redirect("assessment_business", assessment_id=assessment.pk)
            return redirect(reverse("assessment_result", args=[assessment.pk]) + "#business-case")
    else:
        form = BusinessFiguresForm(initial=BusinessFiguresForm.initial_from(assessment.business))
    return render(
        request,
        "assessments/business_form.html",
        {
            "assessment": assessment,
            "company": assessment.company,
            "form": form,
            "can_edit": can_edit,
            "carried_from": figures_carried_from(assessment),
        },
    )
