"""Who may see what: every object look-up by id on behalf of a user goes through a function here
that filters by the user's access, so "not yours" and "does not exist" are the same 404 and an id
reveals nothing. Grants are read from the database on every call."""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from assessments.models import (
    OFFICIAL_KINDS,
    ActionPlan,
    Assessment,
    AssessmentKind,
    AssessmentRound,
    AssessmentStatus,
    Company,
    ConsultantGrant,
    GrantStatus,
    GroupAdmin,
    GroupStore,
    GroupStoreStatus,
    Membership,
    MembershipRole,
    Review,
    StoreGroup,
)


def company_for_user(
    user, company_id, *, allow_consultant: bool = False, owner_only: bool = False
) -> Company:
    """The company if ``user`` is one of its members or, with ``allow_consultant`` (read-only
    pages), a consultant it currently grants access to; 404 otherwise.

    With ``owner_only`` (managing the company: details, members, the join link, consultants,
    invitations, rounds, the audit log) only its owner gets it; members and everyone else 404.

    Grants are read from the database on every call: a revocation refuses the next request.
    The company comes back with ``viewer_is_member`` / ``viewer_is_owner`` /
    ``viewer_is_consultant`` set.
    """
    if not user.is_authenticated:
        raise Http404
    companies = Company.objects.filter(pk=company_id).annotate(
        viewer_is_member=_is_member(user, "pk"), viewer_is_owner=_is_owner(user, "pk")
    )
    if owner_only:
        companies = companies.filter(viewer_is_owner=True)
    elif allow_consultant:
        companies = companies.annotate(viewer_is_consultant=_is_granted(user, "pk")).filter(
            Q(viewer_is_member=True) | Q(viewer_is_consultant=True)
        )
    else:
        companies = companies.filter(viewer_is_member=True)
    company = companies.first()
    if company is None:
        raise Http404
    if not allow_consultant:
        company.viewer_is_consultant = False
    return company


def assessment_for_user(
    user, assessment_id, *, allow_consultant: bool = False, allow_group_admin: bool = False
) -> Assessment:
    """The assessment if ``user`` may see it, else 404.

    Members of the company see its assessments, except another respondent's unsubmitted answers
    in a round (each answers on their own). With ``allow_consultant`` (read-only pages: the
    result, the PDF, exports) a consultant the company grants access to sees the submitted ones.
    With ``allow_group_admin`` (the result and the PDF) so does an admin of a group the company
    is an active store of (its official results only; a store that left is refused at once).
    """
    if not user.is_authenticated:
        raise Http404
    visible_to_members = Q(viewer_is_member=True) & (
        ~Q(kind=AssessmentKind.RESPONSE) | Q(respondent=user) | Q(status=AssessmentStatus.SUBMITTED)
    )
    assessments = (
        Assessment.objects.select_related("company", "model_version")
        .filter(pk=assessment_id)
        .annotate(viewer_is_member=_is_member(user, "company_id"))
    )
    if allow_consultant:
        assessments = assessments.annotate(
            viewer_is_consultant=_is_granted(user, "company_id")
        ).filter(
            visible_to_members | Q(viewer_is_consultant=True, status=AssessmentStatus.SUBMITTED)
        )
    else:
        assessments = assessments.filter(visible_to_members)
    if allow_group_admin:
        assessments = assessment_for_user_or_group(user, assessment_id, assessments)
    assessment = assessments.first()
    if assessment is None:
        raise Http404
    if not allow_consultant:
        assessment.viewer_is_consultant = False
    if not allow_group_admin:
        assessment.viewer_is_group_admin = False
    assessment.company.viewer_is_member = assessment.viewer_is_member
    assessment.company.viewer_is_consultant = assessment.viewer_is_consultant
    return assessment


def assessment_for_user_or_group(user, assessment_id, visible):
    """``visible`` (the member/consultant query) widened to the submitted official assessments
    of the active stores of groups ``user`` administers."""
    base = (
        Assessment.objects.select_related("company", "model_version")
        .filter(pk=assessment_id)
        .annotate(
            viewer_is_member=_is_member(user, "company_id"),
            viewer_is_consultant=_is_granted(user, "company_id"),
            viewer_is_group_admin=_is_group_admin_of(user, "company_id"),
        )
    )
    return base.filter(
        Q(pk__in=visible.values("pk"))
        | Q(
            viewer_is_group_admin=True,
            status=AssessmentStatus.SUBMITTED,
            kind__in=OFFICIAL_KINDS,
        )
    )


def _is_group_admin_of(user, company_ref: str) -> Exists:
    return Exists(
        GroupStore.objects.filter(
            company=OuterRef(company_ref),
            status=GroupStoreStatus.ACTIVE,
            group__admins__user=user,
        )
    )


def _is_member(user, company_ref: str) -> Exists:
    return Exists(Membership.objects.filter(company=OuterRef(company_ref), user=user))


def _is_owner(user, company_ref: str) -> Exists:
    return Exists(
        Membership.objects.filter(
            company=OuterRef(company_ref), user=user, role=MembershipRole.OWNER
        )
    )


def is_owner(user, company: Company) -> bool:
    """Whether ``user`` owns ``company`` (manages it), not merely belongs to it."""
    return (
        user.is_authenticated
        and Membership.objects.filter(
            company=company, user=user, role=MembershipRole.OWNER
        ).exists()
    )


def _is_granted(user, company_ref: str) -> Exists:
    return Exists(
        ConsultantGrant.objects.filter(
            company=OuterRef(company_ref), consultant=user, status=GrantStatus.ACTIVE
        )
    )


def round_for_user(
    user, round_id, *, allow_consultant: bool = False, owner_only: bool = False
) -> AssessmentRound:
    if not user.is_authenticated:
        raise Http404
    rounds = (
        AssessmentRound.objects.select_related("company", "model_version", "opened_by")
        .filter(pk=round_id)
        .annotate(viewer_is_member=_is_member(user, "company_id"))
    )
    if owner_only:
        rounds = rounds.filter(_is_owner(user, "company_id"))
    elif allow_consultant:
        rounds = rounds.annotate(viewer_is_consultant=_is_granted(user, "company_id")).filter(
            Q(viewer_is_member=True) | Q(viewer_is_consultant=True)
        )
    else:
        rounds = rounds.filter(viewer_is_member=True)
    found = rounds.first()
    if found is None:
        raise Http404
    if not allow_consultant:
        found.viewer_is_consultant = False
    return found


def review_for_user(user, review_id) -> Review:
    """One review of the history: members of the company see signed reviews, consultants the
    company grants access to see drafts too."""
    if not user.is_authenticated:
        raise Http404
    review = (
        Review.objects.select_related("assessment", "assessment__company", "reviewer")
        .filter(pk=review_id)
        .annotate(
            viewer_is_member=_is_member(user, "assessment__company_id"),
            viewer_is_consultant=_is_granted(user, "assessment__company_id"),
        )
        .filter(
            Q(viewer_is_member=True, signed_off_at__isnull=False) | Q(viewer_is_consultant=True)
        )
        .first()
    )
    if review is None:
        raise Http404
    return review


def plan_for_user(user, plan_id) -> ActionPlan:
    """The action plan if ``user`` is a member of its company or a consultant the company
    grants access to (both may edit it); 404 otherwise."""
    if not user.is_authenticated:
        raise Http404
    plan = (
        ActionPlan.objects.filter(pk=plan_id)
        .select_related("company", "assessment", "library")
        .annotate(
            viewer_is_member=_is_member(user, "company_id"),
            viewer_is_consultant=_is_granted(user, "company_id"),
        )
        .filter(Q(viewer_is_member=True) | Q(viewer_is_consultant=True))
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def is_group_admin(user, group: StoreGroup) -> bool:
    """Whether ``user`` administers ``group`` (role group_admin). Read on every call."""
    return user.is_authenticated and GroupAdmin.objects.filter(group=group, user=user).exists()


def group_for_user(user, group_id) -> StoreGroup:
    """The group if ``user`` is one of its admins; 404 otherwise (an outsider learns nothing)."""
    if not user.is_authenticated:
        raise Http404
    group = StoreGroup.objects.filter(pk=group_id, admins__user=user).first()
    if group is None:
        raise Http404
    return group
