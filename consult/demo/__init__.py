"""Demo content for the consultation desk: departments, their leads and staff (``departments.yaml``) and
requests in every state (``requests.yaml``), taken through the desk's services.

Idempotent: departments by slug, groups and users by name/email,
requests by (asker, title). Request times are set relative to the moment the demo is
loaded, so the queue always shows some requests within and some past their deadlines.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.demo import ensure_user
from consult import services
from consult.models import Complexity, ConsultationRequest, Department
from core import demodata
from library.models import Industry, RiskArea


def _group_for(name):
    group, _created = Group.objects.get_or_create(name=f"咨询受理 · {name}")
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access:
        group.permissions.add(access)
    return group


def load_departments(specs):
    departments = {}
    for order, spec in enumerate(specs):
        department, _created = Department.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "is_intake": spec["is_intake"],
                "sort_order": order,
            },
        )
        if department.group_id is None:
            department.group = _group_for(spec["name"])
            department.save(update_fields=["group"])
        for person in spec["staff"]:
            ensure_user(person["email"], person["name"]).groups.add(department.group)
        if department.lead_id is None:
            # The first of each department's staff is its lead: the one who assigns and transfers.
            lead = spec["staff"][0]
            department.lead = ensure_user(lead["email"], lead["name"])
            department.save(update_fields=["lead"])
        departments[spec["slug"]] = department
    return departments


def ensure_schedule():
    from consult.jobs import ensure_schedule as ensure_deadline_schedule

    ensure_deadline_schedule()


def _moment(request, stage, offset):
    """A step's time: "+5m" after submission, or "due+3h" after the stage's deadline."""
    if offset.startswith("due+"):
        due = request.ack_due_at if stage == "acknowledge" else request.answer_due_at
        return due + demodata.duration(offset.removeprefix("due+"))
    return request.submitted_at + demodata.duration(offset.removeprefix("+"))


def _staff(email):
    return get_user_model().objects.get(email=email)


def _take_step(request, step, handler, asker, departments, at):
    action = step["action"]
    if action == "acknowledge":
        services.acknowledge(request, handler, now=at)
    elif action == "classify":
        services.classify(request, handler, Complexity(step["complexity"]), now=at)
    elif action == "assign":
        services.assign(request, handler, _staff(step["to"]), now=at)
    elif action == "transfer":
        services.transfer(request, handler, departments[step["department"]], step["note"], now=at)
    elif action == "answer":
        services.answer(request, handler, step["answer"], now=at)
    elif action == "close":
        services.close(request, asker, step["rating"], step["comment"], now=at)
    else:
        raise ValueError(f"unknown demo step {action!r} in requests.yaml")


def load_requests(departments, leads, now):
    User = get_user_model()
    industries = {industry.code: industry for industry in Industry.objects.all()}
    areas = {area.code: area for area in RiskArea.objects.all()}
    intake = next(department for department in departments.values() if department.is_intake)
    created = 0
    for spec in demodata.read(__file__, "requests"):
        asker = User.objects.filter(email=spec["asker"]).first()
        if asker is None or ConsultationRequest.objects.filter(asker=asker, title=spec["title"]).exists():
            continue
        request = services.submit(
            asker,
            title=spec["title"],
            description=spec["description"],
            industry=industries.get(spec["industry"]),
            risk_area=areas.get(spec["risk_area"]),
            urgent=spec.get("urgent", False),
            may_publish_anonymously=True,
            department=intake,
            now=now - demodata.duration(spec["submitted_ago"]),
        )
        for step in spec["steps"]:
            at = min(_moment(request, step["action"], step["at"]), now)
            handler = _staff(leads[request.department.slug])
            _take_step(request, step, handler, asker, departments, at)
            request.refresh_from_db()
        created += 1
    return created


def load(stdout):
    specs = demodata.read(__file__, "departments")
    departments = load_departments(specs)
    leads = {spec["slug"]: spec["staff"][0]["email"] for spec in specs}
    ensure_schedule()
    with services.notifications_muted():
        created = load_requests(departments, leads, timezone.now())
    stdout.write(
        f"  咨询台：{len(departments)} 个受理部门，{created} 条新演示咨询；"
        "管理后台部门账号如 sfj.lead（区司法局）、scjg.lead（区市场监管局），密码与其他演示用户相同"
    )
