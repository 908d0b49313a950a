"""Who may see and change what: only a firm's members see its plans (officer: all; staff: tasks they own)."""

from django.db.models import Q
from django.http import Http404

from accounts.services import membership_of

from .models import Plan, Task


def can_manage(plan, membership):
    """The firm's compliance officer, or the member who opened the plan from their own report."""
    if membership is None or plan.enterprise_id != membership.enterprise_id:
        return False
    return membership.is_officer or plan.created_by_id == membership.user_id


def can_work_on(task, membership):
    """Managers of the plan and the task's owner."""
    if membership is None or task.plan.enterprise_id != membership.enterprise_id:
        return False
    return task.owner_id == membership.user_id or can_manage(task.plan, membership)


def visible_plans(membership):
    """Plans a member may open: all of the firm's for the officer; opened by or holding a task of theirs otherwise."""
    if membership is None:
        return Plan.objects.none()
    plans = Plan.objects.filter(enterprise_id=membership.enterprise_id)
    if membership.is_officer:
        return plans
    return plans.filter(
        Q(created_by_id=membership.user_id) | Q(tasks__owner_id=membership.user_id)
    ).distinct()


def visible_tasks(plan, membership):
    tasks = Task.objects.filter(plan=plan)
    if can_manage(plan, membership):
        return tasks
    return tasks.filter(owner_id=membership.user_id)


def plan_for(request, pk, manage=False):
    """The plan if the signed-in user may see it (or manage it); 404 otherwise, never 403."""
    membership = membership_of(request.user)
    plan = visible_plans(membership).filter(pk=pk).select_related("enterprise", "industry").first()
    if plan is None or (manage and not can_manage(plan, membership)):
        raise Http404
    return plan, membership


def task_for(request, pk):
    membership = membership_of(request.user)
    if membership is None:
        raise Http404
    task = (
        Task.objects.select_related("plan__enterprise", "owner__profile", "item", "risk_area")
        .filter(pk=pk, plan__enterprise_id=membership.enterprise_id)
        .first()
    )
    if task is None or not can_work_on(task, membership):
        raise Http404
    return task, membership
