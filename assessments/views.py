"""Pages of the self-test: accounts, companies, the questionnaire and the result.

Views stay thin: look up through `selectors` (which enforce access), validate with `forms`,
change state through one `services` function.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import audit, kept_input, privacy, services
from assessments.auth import rate_limited, user_from_activation
from assessments.forms import (
    STEP_FORMS,
    CompanyForm,
    IndicatorsForm,
    SignUpForm,
)
from assessments.kept_input import keeps_input_when_signed_out
from assessments.models import QUESTIONNAIRE_STEPS, Company
from assessments.selectors import (
    assessment_for_user,
    company_for_user,
    company_history,
    company_of,
    company_rounds,
    consultant_profile_of,
    content_for,
    member_of_company,
    missing_answers,
    my_open_responses,
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


@rate_limited("signup", "SIGNUP_RATE_LIMIT", 3600)
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("workspace")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_up(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                site_url=request.build_absolute_uri("/"),
            )
        except services.InvitationNotSent:
            form.add_error("email", _("邮件发送失败,请检查邮箱地址,或稍后再试。"))
        else:
            # The same page whether or not the address has an account: the email says which.
            return render(
                request, "registration/signup_sent.html", {"email": form.cleaned_data["email"]}
            )
    return render(request, "registration/signup.html", {"form": form})


@require_safe
def signup_activate(request, uidb64, token):
    """The link of the sign-up email: activates the account and signs it in."""
    user = user_from_activation(uidb64, token)
    if user is None:
        messages.error(request, _("这个注册链接已失效(已使用或已过期)。请登录,或重新注册。"))
        return redirect("login")
    services.activate_account(user)
    login(request, user, backend="assessments.auth.EmailOrUsernameBackend")
    if consultant_profile_of(user) is not None:
        messages.success(request, _("邮箱已确认。请把邀请链接发给客户企业,或等待企业邀请你。"))
        return redirect("consultant_dashboard")
    messages.success(request, _("注册成功。下一步:填写企业信息。"))
    return redirect("company_create")


@login_required
@require_safe
def workspace(request):
    """Where a signed-in manager lands: their company, or the step that creates one."""
    if consultant_profile_of(request.user) is not None:
        return redirect("consultant_dashboard")
    company = company_of(request.user)
    if company is None:
        return redirect("company_create")
    return redirect("company_detail", company_id=company.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def company_create(request):
    if company_of(request.user) is not None or consultant_profile_of(request.user) is not None:
        return redirect("workspace")
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        company = services.create_company(user=request.user, **form.cleaned_data)
        messages.success(request, _("企业已创建。现在可以开始自测。"))
        return redirect("company_detail", company_id=company.pk)
    return render(request, "assessments/company_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def company_edit(request, company_id):
    company = company_for_user(request.user, company_id, owner_only=True)
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        services.update_company(company, **form.cleaned_data)
        messages.success(request, _("企业信息已更新。"))
        return redirect("company_detail", company_id=company.pk)
    return render(request, "assessments/company_form.html", {"form": form, "company": company})


@login_required
@require_safe
def company_detail(request, company_id):
    company = company_for_user(request.user, company_id, allow_consultant=True)
    if not company.viewer_is_member:
        # A granted consultant reads the history of submitted results, nothing else.
        return render(
            request,
            "assessments/company_detail.html",
            {
                "company": company,
                "assessments": company_history(company, drafts=False),
                "read_only": True,
            },
        )
    assessments = company_history(company)
    return render(
        request,
        "assessments/company_detail.html",
        {
            "company": company,
            "assessments": assessments,
            "draft": next((a for a in assessments if a.is_draft and not a.round_id), None),
            "members": company.memberships.select_related("user").order_by("joined_at"),
            "viewer_is_owner": company.viewer_is_owner,
            "join_url": request.build_absolute_uri(
                reverse("company_join", args=[company.join_code])
            )
            if company.viewer_is_owner
            else "",
            "rounds": company_rounds(company),
            "my_responses": my_open_responses(request.user, company),
        },
    )


@login_required
@require_POST
def company_renew_join_code(request, company_id):
    company = company_for_user(request.user, company_id, owner_only=True)
    services.renew_join_code(company)
    messages.success(request, _("邀请链接已更新,旧链接失效。"))
    return redirect("company_detail", company_id=company.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def company_join(request, join_code):
    company = get_object_or_404(Company, join_code=join_code)
    if consultant_profile_of(request.user) is not None:
        messages.error(request, _("顾问账号不能加入企业。请让企业管理者在“顾问访问”中授权给你。"))
        return redirect("consultant_dashboard")
    current = company_of(request.user)
    if current is not None:
        if current.pk != company.pk:
            messages.error(request, _("你已属于另一家企业,不能再加入其他企业。"))
        return redirect("company_detail", company_id=current.pk)
    if request.method == "POST":
        try:
            services.join_company(user=request.user, company=company)
        except services.AlreadyInCompany:
            messages.error(request, _("你已属于一家企业。"))
            return redirect("workspace")
        messages.success(request, _("已加入 %(company)s。") % {"company": company.name})
        return redirect("company_detail", company_id=company.pk)
    return render(request, "assessments/company_join.html", {"company": company})


@login_required
@require_POST
def company_member_remove(request, company_id, membership_id):
    """The owner removes a member from the company (the owner cannot remove themself)."""
    company = company_for_user(request.user, company_id, owner_only=True)
    membership = member_of_company(company, membership_id)
    try:
        services.remove_member(membership, by=request.user)
    except services.OwnerCannotLeave:
        messages.error(request, _("创建者不能被移除。请先把创建者身份转交给其他成员。"))
    else:
        messages.success(request, _("已移除该成员。"))
    return redirect("company_detail", company_id=company.pk)


@login_required
@require_POST
def company_owner_transfer(request, company_id, membership_id):
    """The owner hands the company over to a member; they stay on as a member."""
    company = company_for_user(request.user, company_id, owner_only=True)
    membership = member_of_company(company, membership_id)
    services.transfer_ownership(company, to=membership, by=request.user)
    messages.success(request, _("已把创建者身份转交给该成员,你现在是普通成员。"))
    return redirect("company_detail", company_id=company.pk)


@login_required
@require_POST
def assessment_start(request, company_id):
    company = company_for_user(request.user, company_id)
    assessment = services.start_assessment(company=company, user=request.user)
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
    return {field: getattr(assessment, field) for field in services.STEP_FIELDS[4]}


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
    return services.save_step(
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
    except services.AssessmentLocked:
        return None, redirect("assessment_result", assessment_id=post.assessment.pk)
    except services.DraftConflict as error:
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
    except services.AssessmentLocked:
        return JsonResponse({"error": _("这份自测已提交。")}, status=409)
    except services.DraftConflict as error:
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
        services.submit_assessment(assessment, user=request.user)
    except services.AssessmentLocked:
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
        draft = services.reassess(previous=previous, user=request.user)
        messages.success(request, _("已复制上次的答案到新的自测草稿,请逐项确认后提交。"))
    else:
        messages.info(request, _("已有一份未提交的自测草稿,请继续完成。"))
    return redirect("assessment_step", assessment_id=draft.pk, step=1)


@login_required
@require_safe
def company_audit(request, company_id):
    """Who accessed the company's data (its owner only: members, consultants and others 404)."""
    company = company_for_user(request.user, company_id, owner_only=True)
    page = bounded_page(request.GET.get("page"))
    events, has_next = audit.company_events(company, page=page)
    return render(
        request,
        "assessments/company_audit.html",
        {"company": company, "events": events, "page": page, "has_next": has_next},
    )


def bounded_page(raw, *, last: int = 100_000) -> int:
    """A ``?page=`` value as a page number: anything that is not a small positive number is
    page 1 (a 5,000-digit number used to overflow int())."""
    raw = (raw or "")[:6]
    return int(raw) if raw.isdigit() and 0 < int(raw) < last else 1


@require_safe
def privacy_notice(request):
    return render(request, "privacy_notice.html", {"version": privacy.PRIVACY_NOTICE_VERSION})


@login_required
@require_safe
def account(request):
    return render(request, "registration/account.html", {"error": None})


@login_required
@require_safe
def account_data(request):
    """The person's copy of their personal data (PIPL): a JSON download."""
    response = JsonResponse(
        privacy.personal_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="my-personal-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def account_delete(request):
    """Delete the account after the password is confirmed; the company keeps its assessments."""
    if not request.user.check_password(request.POST.get("password", "")):
        return render(
            request,
            "registration/account.html",
            {"error": _("密码不正确,账号没有删除。")},
            status=400,
        )
    user = request.user
    logout(request)
    privacy.delete_account(user)
    messages.success(request, _("账号已删除,个人信息已匿名化。"))
    return redirect("home")
