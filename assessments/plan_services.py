"""Writing the action plan: creating it from a result, editing its actions, adding actions.

Every change is one function in one transaction; the audit middleware records the request
(the plan's URLs carry `plan_id`, see assessments.audit.COMPANY_OF).
"""

from django.db import transaction
from django.db.models import Max

from assessments.action_plans import PROPOSED_ACTIONS, default_due_date, plan_of
from assessments.models import ActionPlan, ActionStatus, Assessment, PlanAction

EDITABLE_FIELDS = ("owner_name", "due_date", "status", "notes", "title")


class PlanExists(Exception):
    """The assessment already has its plan."""


@transaction.atomic
def create_plan(*, assessment: Assessment, user, proposal) -> ActionPlan:
    """The plan of a submitted assessment, starting with the proposal's top actions (each due
    at the end of its 90-day MVP, Iron law 5)."""
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    if plan_of(assessment) is not None:
        raise PlanExists
    plan = ActionPlan.objects.create(
        company=assessment.company,
        assessment=assessment,
        library=proposal.library,
        created_by=user,
    )
    due = default_due_date()
    PlanAction.objects.bulk_create(
        PlanAction(
            plan=plan,
            position=position,
            initiative=proposed.initiative,
            moves=list(proposed.initiative.moves),
            # The company's size class goes with the budget reasons: the plan keeps the
            # reasons as they were when it was proposed.
            reasons=[
                [key, {**params, "size": proposal.profile.size} if "band" in params else params]
                for key, params in proposed.ranked.reasons
            ],
            proposed=True,
            due_date=due,
        )
        for position, proposed in enumerate(proposal.actions[:PROPOSED_ACTIONS], start=1)
    )
    return plan


@transaction.atomic
def update_action(action: PlanAction, **fields) -> PlanAction:
    """Change an action's owner, due date, status, notes (and a free action's title)."""
    action = PlanAction.objects.select_for_update().get(pk=action.pk)
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not editable")
        if name == "title" and action.initiative_id:
            continue  # a library action keeps the library's title
        setattr(action, name, value if value is not None else "" if name != "due_date" else None)
    if action.status not in ActionStatus.values:
        raise ValueError("unknown status")
    action.save()
    ActionPlan.objects.filter(pk=action.plan_id).update(updated_at=action.updated_at)
    return action


def _next_position(plan: ActionPlan) -> int:
    return (plan.actions.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def add_library_action(plan: ActionPlan, *, initiative, **fields) -> PlanAction:
    ActionPlan.objects.select_for_update().filter(pk=plan.pk).first()
    action = PlanAction.objects.create(
        plan=plan,
        position=_next_position(plan),
        initiative=initiative,
        moves=list(initiative.moves),
        due_date=fields.get("due_date") or default_due_date(),
        owner_name=fields.get("owner_name") or "",
        notes=fields.get("notes") or "",
    )
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=action.updated_at)
    return action


@transaction.atomic
def add_free_action(plan: ActionPlan, *, title: str, moves=(), **fields) -> PlanAction:
    ActionPlan.objects.select_for_update().filter(pk=plan.pk).first()
    action = PlanAction.objects.create(
        plan=plan,
        position=_next_position(plan),
        title=title,
        moves=list(moves),
        due_date=fields.get("due_date") or default_due_date(),
        owner_name=fields.get("owner_name") or "",
        notes=fields.get("notes") or "",
    )
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=action.updated_at)
    return action
