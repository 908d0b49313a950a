"""Demo content for the training base: three full inspection drills (``drills/*.yaml``), a self-check per
industry and finished demo runs (``drills.yaml``), played through the drill engine as a learner would.

Runs after the library and courses demos: choices link to the demo guideline
items by industry and title (a missing item is skipped, never an error).
Idempotent: pages are looked up by slug, demo runs by user and scenario.
"""

from django.contrib.auth import get_user_model

from core import demodata
from courses.models import CoursePage
from library.models import GuidelineItem, Industry
from portal.demo import ensure_child, get_home

from .. import checkup, engine
from ..models import DrillIndexPage, DrillPage, DrillRun, DrillStep, SelfCheckPage, SelfCheckResult
from ..models.steps import DrillChoice


def scenarios():
    """Every demo drill scenario, as data."""
    return demodata.read_all(__file__, "drills")


def _items_by_title(industry):
    return {item.title: item for item in GuidelineItem.objects.filter(page__industry=industry)}


def _build_steps(spec, items):
    steps = []
    for step in spec["steps"]:
        choices = [
            DrillChoice(
                text=choice["text"],
                score=choice["score"],
                level=choice["level"],
                feedback=choice["feedback"],
                next_step_key=choice.get("next_step", ""),
                # Link only the items the library demo has: a missing one is skipped, not an error.
                guideline_items=[
                    items[title] for title in choice.get("guideline_items", []) if title in items
                ],
            )
            for choice in step["choices"]
        ]
        steps.append(
            DrillStep(
                key=step["key"],
                phase=step["phase"],
                title=step["title"],
                inspector_says=step["inspector_says"],
                scene=step.get("scene", ""),
                exhibits=demodata.stream(step.get("exhibits")),
                is_branch=step.get("branch", False),
                choices=choices,
            )
        )
    return steps


def _related_courses(industry):
    return list(CoursePage.objects.live().filter(industries=industry).order_by("pk")[:2])


def load_drills(index):
    created = 0
    for spec in scenarios():
        industry = Industry.objects.filter(code=spec["industry"]).first()
        if industry is None or index.get_children().filter(slug=spec["slug"]).exists():
            continue
        page = DrillPage(
            slug=spec["slug"],
            title=spec["title"],
            industry=industry,
            authority=spec["authority"],
            firm_name=spec["firm_name"],
            setting=spec["setting"],
            intro=spec["intro"],
            briefing=spec["briefing"],
            estimated_minutes=spec["estimated_minutes"],
            steps=_build_steps(spec, _items_by_title(industry)),
        )
        page.related_courses = _related_courses(industry)
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


def load_self_checks(index, spec):
    for industry in Industry.objects.filter(guideline_pages__live=True).distinct():
        names = {"code": industry.code, "name": industry.name}
        ensure_child(
            index,
            SelfCheckPage,
            spec["slug"].format(**names),
            title=spec["title"].format(**names),
            industry=industry,
            intro=spec["intro"].format(**names),
            instructions=spec["instructions"],
        )


def load(stdout):
    data = demodata.read(__file__, "drills")
    section = data["index"]
    index = ensure_child(
        get_home(), DrillIndexPage, section["slug"], title=section["title"], intro=section["intro"]
    )
    created = load_drills(index)
    load_self_checks(index, data["self_check"])
    _demo_runs(data["runs"])
    _demo_self_check(data["self_check_result"])
    stdout.write(
        f"  drills: {created} new drill(s), self-checks for every industry with a guideline, demo runs"
    )


def _demo_runs(runs):
    User = get_user_model()
    for spec in runs:
        user = User.objects.filter(email=spec["user"]).first()
        page = DrillPage.objects.live().filter(slug=spec["drill"]).first()
        if user is None or page is None or DrillRun.objects.filter(user=user, scenario=page).exists():
            continue
        run, _ = engine.start_run(user, page)
        for pick in spec["picks"]:
            run.refresh_from_db()
            if run.is_completed:
                break
            step = run.current_step
            choice = (
                next((c for c in step.choices.all() if c.text.startswith(pick)), None) or step.choices.first()
            )
            engine.answer_step(run.pk, user, step.pk, choice.pk)


def _demo_self_check(spec):
    user = get_user_model().objects.filter(email=spec["user"]).first()
    check = SelfCheckPage.objects.live().filter(slug=spec["self_check"]).first()
    if user and check and not SelfCheckResult.objects.filter(user=user, page=check).exists():
        questions = check.questions()
        # A realistic mix: red lines held, a few bottom lines only partly.
        answers = {
            checkup.field_name(item): ("partly" if item.level == "yellow" and n % 2 else "yes")
            for n, item in enumerate(questions)
        }
        graded = checkup.grade_answers(questions, answers)
        checkup.save_result(user, check, graded, subject=spec["subject"])
