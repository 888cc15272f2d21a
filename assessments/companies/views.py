"""Pages of companies and accounts: signing up, the workspace, the company pages, membership and
the join link, the audit log, the privacy notice and the account pages.

Views stay thin: look up through `access` (which enforces access), validate with `forms`,
change state through one `services` function.
"""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import audit, privacy
from assessments.access import company_for_user
from assessments.auth import rate_limited, user_from_activation
from assessments.companies import services
from assessments.companies.forms import CompanyForm, SignUpForm
from assessments.groups.selectors import is_any_group_admin
from assessments.models import Company
from assessments.selectors import (
    company_history,
    company_of,
    company_rounds,
    consultant_profile_of,
    member_of_company,
    my_open_responses,
)


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
        if is_any_group_admin(request.user):
            return redirect("group_list")  # a group admin who runs no store of their own
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
