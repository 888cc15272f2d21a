"""Pages of the questionnaire: starting a draft, its steps (save, next, back, autosave, submit),
submitting and reassessing.

Views stay thin: look up through `access` (which enforces access), validate with `forms`,
change state through one `services` function."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from assessments.access import assessment_for_user, company_for_user
from assessments.models import QUESTIONNAIRE_STEPS
from assessments.questionnaire import kept_input
from assessments.questionnaire import services as questionnaire_services
from assessments.questionnaire.forms import STEP_FORMS, IndicatorsForm
from assessments.questionnaire.kept_input import keeps_input_when_signed_out
from assessments.selectors import (
    content_for,
    missing_answers,
    open_draft,
    round_is_closed,
    unanswered_items,
)
from assessments.verdicts import draft_checks
from maturity.i18n import active_language_code

# Lazy: translated when a page shows them, in that request's language (not at import time).
STEP_TITLES = {
    1: gettext_lazy("自测清单"),
    2: gettext_lazy("关键指标"),
    3: gettext_lazy("维度自评"),
    4: gettext_lazy("目标与作业"),
}


@login_required
@require_POST
def assessment_start(request, company_id):
    company = company_for_user(request.user, company_id)
    assessment = questionnaire_services.start_assessment(company=company, user=request.user)
    return redirect("assessment_step", assessment_id=assessment.pk, step=assessment.current_step)


@login_required
@require_safe
def assessment_detail(request, assessment_id):
    assessment = assessment_for_user(request.user, assessment_id, allow_consultant=True)
    if assessment.is_draft:
        return redirect(
            "assessment_step", assessment_id=assessment.pk, step=assessment.current_step
        )
    return redirect("assessment_result", assessment_id=assessment.pk)


def _initial_for(step: int, assessment, content) -> dict:
    if step == 1:
        return {"checklist": assessment.checklist}
    if step == 2:
        return IndicatorsForm.initial_from(assessment.indicators, content)
    if step == 3:
        return dict(assessment.dimensions)
    return {field: getattr(assessment, field) for field in questionnaire_services.STEP_FIELDS[4]}


def _posted_revision(request) -> int | None:
    raw = request.POST.get("revision", "")
    return int(raw) if raw.isdigit() else None


@dataclass
class StepPost:
    """One post of a questionnaire step: who, which draft and step, and the bound form."""

    request: object
    assessment: object
    content: object
    step: int
    form: object


@keeps_input_when_signed_out
@login_required
def assessment_step(request, assessment_id, step):
    assessment = assessment_for_user(request.user, assessment_id)
    if step not in STEP_FORMS:
        raise Http404
    closed = _closed_to_answers(request, assessment)
    if closed is not None:
        return closed
    content = content_for(assessment)
    if request.method != "POST":
        return _show_step(request, assessment, content, step)
    form = STEP_FORMS[step](request.POST, content=content)
    action = STEP_ACTIONS.get(request.POST.get("action", ""), _save_draft)
    return action(StepPost(request, assessment, content, step, form))


def _closed_to_answers(request, assessment):
    """Where to go instead when the draft can no longer be answered, else None."""
    if not assessment.is_draft:
        messages.info(request, _("这份自测已提交,答案已冻结。如需修改,请点击“重新评估”。"))
        return redirect("assessment_result", assessment_id=assessment.pk)
    if assessment.is_response and round_is_closed(assessment):
        messages.info(request, _("这次多人评估已经结束,答卷不能再修改。"))
        return redirect("round_detail", round_id=assessment.round_id)
    return None


def _show_step(request, assessment, content, step):
    """The step with its stored answers, or with the input kept when the session had ended, or
    with the unanswered items listed after a refused submission."""
    form_class = STEP_FORMS[step]
    kept = kept_input.take(request)
    if kept is not None:
        messages.warning(request, _("会话已过期,已为你保留输入。请核对后保存(下方内容尚未保存)。"))
        form = form_class(kept, content=content)
        return _render_step(
            request, assessment, content, step, form, revision=kept.get("revision"), restored=True
        )
    form = form_class(initial=_initial_for(step, assessment, content), content=content)
    summary = []
    if request.GET.get("unanswered"):
        codes = unanswered_items(assessment, content).get(step, [])
        summary = form.unanswered_summary(codes)
    return _render_step(
        request, assessment, content, step, form, summary=summary, summary_unanswered=True
    )


def _render_step(
    request,
    assessment,
    content,
    step,
    form,
    *,
    conflict=None,
    summary=None,
    summary_unanswered=False,
    revision=None,
    restored=False,
):
    if summary is None:
        summary = form.error_summary() if form.is_bound and form.errors else []
    if revision is None:
        revision = conflict.current_revision if conflict else assessment.revision
    return render(
        request,
        f"assessments/step_{step}.html",
        {
            "assessment": assessment,
            "company": assessment.company,
            "content": content,
            "form": form,
            "step": step,
            "steps": [(n, STEP_TITLES[n]) for n in range(1, QUESTIONNAIRE_STEPS + 1)],
            "step_title": STEP_TITLES[step],
            "is_last_step": step == QUESTIONNAIRE_STEPS,
            "can_submit": step >= QUESTIONNAIRE_STEPS - 1,
            "conflict": conflict,
            "missing": missing_answers(assessment, content),
            "checks": draft_checks(assessment, content, step, active_language_code()),
            "error_summary": summary,
            "summary_unanswered": summary_unanswered,
            "revision": revision,
            "restored": restored,
        },
        status=409 if conflict else 200,
    )


def _invalid(post: StepPost):
    messages.error(post.request, _("有些答案需要修改,请按页首的列表逐项修改。其他答案都已保留。"))
    return _render_step(post.request, post.assessment, post.content, post.step, post.form)


def _save_step(post: StepPost, *, next_step: int | None = None):
    """The one call that saves a step's answers (raises the service's exceptions)."""
    return questionnaire_services.save_step(
        post.assessment,
        step=post.step,
        answers=post.form.answers(),
        user=post.request.user,
        expected_revision=_posted_revision(post.request),
        next_step=next_step,
    )


def _store(post: StepPost, *, next_step: int | None = None):
    """Save the step: (the saved draft, None), or (None, the page to show instead)."""
    try:
        saved = _save_step(post, next_step=next_step)
    except questionnaire_services.AssessmentLocked:
        return None, redirect("assessment_result", assessment_id=post.assessment.pk)
    except questionnaire_services.DraftConflict as error:
        return None, _render_step(
            post.request, post.assessment, post.content, post.step, post.form, conflict=error
        )
    return saved, None


def _autosave(post: StepPost):
    """A background save (static/js/autosave.js): JSON in, JSON out, nothing rendered."""
    if not post.form.is_valid():
        summary = post.form.error_summary()
        return JsonResponse(
            {
                "errors": post.form.errors.get_json_data(),
                "message": summary[0][1] if summary else "",
            },
            status=400,
        )
    try:
        saved = _save_step(post)
    except questionnaire_services.AssessmentLocked:
        return JsonResponse({"error": _("这份自测已提交。")}, status=409)
    except questionnaire_services.DraftConflict as error:
        return JsonResponse(
            {
                "conflict": True,
                "revision": error.current_revision,
                "message": _("同事刚刚修改了这一步,请刷新后再保存。"),
            },
            status=409,
        )
    return JsonResponse(
        {
            "saved": True,
            "revision": saved.revision,
            "saved_at": timezone.localtime(saved.updated_at).strftime("%H:%M:%S"),
        }
    )


def _save_draft(post: StepPost):
    if not post.form.is_valid():
        return _invalid(post)
    saved, instead = _store(post)
    if instead is not None:
        return instead
    messages.success(post.request, _("草稿已保存。"))
    return redirect("assessment_step", assessment_id=saved.pk, step=post.step)


def _back(post: StepPost):
    if post.step == 1:
        return _save_draft(post)
    if not post.form.is_valid():
        return _invalid(post)
    saved, instead = _store(post)
    if instead is not None:
        return instead
    return redirect("assessment_step", assessment_id=saved.pk, step=post.step - 1)


def _unanswered(post: StepPost, saved):
    """The step again, each unanswered item named and linked from the summary at the top."""
    missing = post.form.missing()
    post.form.mark_missing(missing)
    messages.warning(
        post.request,
        _("已保存草稿。还有 %(count)d 项未作答,请按页首的列表补全后继续。")
        % {"count": len(missing)},
    )
    return _render_step(
        post.request, saved, post.content, post.step, post.form, summary_unanswered=True
    )


def _next(post: StepPost):
    if post.step == QUESTIONNAIRE_STEPS:
        return _submit_step(post)
    if not post.form.is_valid():
        return _invalid(post)
    complete = not post.form.missing()
    saved, instead = _store(post, next_step=post.step + 1 if complete else post.step)
    if instead is not None:
        return instead
    if not complete:
        return _unanswered(post, saved)
    return redirect("assessment_step", assessment_id=saved.pk, step=post.step + 1)


def _submit_step(post: StepPost):
    if not post.form.is_valid():
        return _invalid(post)
    saved, instead = _store(post)
    if instead is not None:
        return instead
    if post.form.missing():
        return _unanswered(post, saved)
    return _submit(post.request, saved, post.content)


STEP_ACTIONS = {
    "autosave": _autosave,
    "save": _save_draft,
    "back": _back,
    "next": _next,
    "submit": _submit_step,
}


def _submit(request, assessment, content):
    missing = unanswered_items(assessment, content)
    if missing:
        first_step = min(missing)
        names = _item_names(content, missing[first_step])
        messages.warning(
            request,
            _("还不能提交:第 %(step)d 步还有 %(count)d 项未作答:%(names)s。")
            % {"step": first_step, "count": len(missing[first_step]), "names": names},
        )
        url = reverse("assessment_step", args=[assessment.pk, first_step])
        return redirect(f"{url}?unanswered=1")
    try:
        questionnaire_services.submit_assessment(assessment, user=request.user)
    except questionnaire_services.AssessmentLocked:
        messages.info(request, _("这次多人评估已经结束,答卷不能再提交。"))
        return redirect("round_detail", round_id=assessment.round_id)
    if assessment.is_response:
        messages.success(
            request, _("你的答卷已提交。以下是按你个人答案得出的诊断;合并结果见本次多人评估页面。")
        )
    else:
        messages.success(request, _("自测已提交,以下是你的诊断结果。"))
    return redirect("assessment_result", assessment_id=assessment.pk)


def _item_names(content, codes, shown: int = 5) -> str:
    names = [
        str(content.metrics_by_code[code].name)
        if code in content.metrics_by_code
        else str(content.dimensions_by_code[code].name)
        for code in codes
    ]
    text = _("、").join(names[:shown])
    if len(names) > shown:
        text += _(" 等")
    return text


@login_required
@require_POST
def assessment_submit(request, assessment_id):
    assessment = assessment_for_user(request.user, assessment_id)
    if not assessment.is_draft:
        return redirect("assessment_result", assessment_id=assessment.pk)
    return _submit(request, assessment, content_for(assessment))


@login_required
@require_POST
def assessment_reassess(request, assessment_id):
    previous = assessment_for_user(request.user, assessment_id)
    draft = open_draft(previous.company)
    if draft is None:
        draft = questionnaire_services.reassess(previous=previous, user=request.user)
        messages.success(request, _("已复制上次的答案到新的自测草稿,请逐项确认后提交。"))
    else:
        messages.info(request, _("已有一份未提交的自测草稿,请继续完成。"))
    return redirect("assessment_step", assessment_id=draft.pk, step=1)
