"""The rules a consultant's review must follow, shared by the review form (to show the errors)
and `assessments.consultants.services.save_review` (to refuse a review that breaks them).
Pure: no database."""

from django.utils.translation import gettext as _


def review_errors(
    *,
    computed_level,
    levels: list[int],
    confirmed_level,
    justification: str,
    sign: bool,
    signer_name: str,
) -> dict:
    """The review rules, shared by the form and the service: the confirmed level is one of
    `levels` (the assessment's model version's); one that differs from the computed one needs a
    justification; signing needs a level and a name."""
    errors = {}
    if confirmed_level is not None and confirmed_level not in levels:
        errors["confirmed_level"] = _("确认段位须为 Level %(first)d-%(last)d。") % {
            "first": min(levels),
            "last": max(levels),
        }
    if (
        confirmed_level is not None
        and confirmed_level != computed_level
        and not (justification or "").strip()
    ):
        errors["justification"] = _("确认段位与系统诊断段位不同,请填写调整理由。")
    if sign:
        if confirmed_level is None:
            errors["confirmed_level"] = _("签字确认前请选择确认段位。")
        if not (signer_name or "").strip():
            errors["signer_name"] = _("签字确认需要填写签字人姓名。")
    return errors
