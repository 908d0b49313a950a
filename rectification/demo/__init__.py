"""Demo 整改计划 (``plans.yaml``): footwear firms' self-checks and the plans made from them,
through the same services as the site, so the 风险研判 has content."""

import datetime as dt

from django.utils import timezone

from accounts.demo import ensure_user
from accounts.models import Enterprise, Membership
from accounts.validators import credit_code_check_char
from core import demodata
from courses.drills import checkup
from courses.drills.models import SelfCheckPage

from .. import services
from ..models import Plan, Task


def _answer(item, spec):
    for value in ("no", "partly"):
        if any(item.title.startswith(prefix) for prefix in spec.get(value) or []):
            return value
    return "yes"


def load(stdout):
    data = demodata.read(__file__, "plans")
    check = SelfCheckPage.objects.live().filter(slug=data["self_check"]).first()
    if check is None:
        return
    questions = check.questions()
    now = timezone.now()
    made = 0
    for spec in data["firms"]:
        code = spec["code17"] + credit_code_check_char(spec["code17"])
        enterprise, _created = Enterprise.objects.get_or_create(
            credit_code=code, defaults={"name": spec["name"], "size": "small", "industry": check.industry}
        )
        officer = ensure_user(spec["officer"]["email"], spec["officer"]["name"])
        membership, _created = Membership.objects.get_or_create(
            user=officer, defaults={"enterprise": enterprise, "role": Membership.Role.OFFICER}
        )
        if Plan.objects.filter(enterprise=enterprise).exists():
            continue
        answers = {checkup.field_name(item): _answer(item, spec) for item in questions}
        result = checkup.save_result(officer, check, checkup.grade_answers(questions, answers))
        plan, _created = services.create_plan(officer, self_check=result)
        created = now - dt.timedelta(days=30 * spec["months_ago"] + 3)
        tasks = list(plan.tasks.order_by("position"))
        for task in tasks[: spec["done"]]:
            services.assign(task, membership, officer, task.due_date)
            services.change_status(task, membership, Task.Status.DONE, note=data["note"])
            Task.objects.filter(pk=task.pk).update(completed_at=created + dt.timedelta(days=spec["days"]))
        Plan.objects.filter(pk=plan.pk).update(created_at=created)
        made += 1
    stdout.write(f"  整改计划 / rectification plans: {made} new")
