"""The demo drills are complete, playable, branching and linked to the library's items; loading is idempotent."""

import io

import pytest

from core import demodata
from courses.drills import demo
from courses.drills.engine import ScenarioFlow
from courses.drills.models import DrillPage, DrillRun, SelfCheckPage, SelfCheckResult

pytestmark = pytest.mark.django_db


def test_demo_drills_self_checks_and_runs():
    import accounts.demo
    import library.demo
    import portal.demo

    out = io.StringIO()
    accounts.demo.load(out)
    portal.demo.load(out)
    library.demo.load(out)
    demo.load(out)
    demo.load(out)  # twice: nothing is duplicated

    drills = {page.slug: page for page in DrillPage.objects.live()}
    assert set(drills) == {spec["slug"] for spec in demo.scenarios()}
    for slug in ("footwear-joint-inspection", "software-personal-data-inspection"):
        loaded = ScenarioFlow.load(drills[slug])
        assert loaded.flow.validate() == []
        assert len(loaded.steps) >= 8
        assert any(step.is_branch for step in loaded.steps)
        assert loaded.steps[0].phase == "arrival" and loaded.steps[-1].phase == "closing"
        linked = sum(choice.guideline_items.count() for step in loaded.steps for choice in step.choices.all())
        assert linked >= 10
    assert ScenarioFlow.load(drills["construction-site-inspection"]).flow.validate() == []

    assert set(SelfCheckPage.objects.values_list("industry__code", flat=True)) >= {
        "footwear",
        "software",
        "construction",
    }
    runs = DrillRun.objects.filter(status=DrillRun.Status.COMPLETED)
    assert runs.count() == len(demodata.read(demo.__file__, "drills")["runs"])
    assert all(run.percent is not None and run.grade for run in runs)
    assert SelfCheckResult.objects.count() == 1
