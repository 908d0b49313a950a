"""The back office's roles and review workflows come from the migrations, named in Chinese."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

from library.models import GuidelinePage
from portal.roles import (
    BUSINESS_REVIEW_TASK,
    CONTENT_REVIEW,
    EDITORS,
    GUIDELINE_REVIEW,
    LEGAL_REVIEW_TASK,
    LEGAL_REVIEWERS,
    MODERATORS,
    ORGANISERS,
    assign_guideline_review,
)
from tests.library.factories import GuidelineIndexPageFactory, IndustryFactory


def codenames(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.mark.django_db
def test_groups_are_named_in_chinese_with_what_each_needs():
    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITORS, MODERATORS, LEGAL_REVIEWERS, ORGANISERS} <= names
    assert not names & {"Editors", "Moderators"}
    editors = codenames(Group.objects.get(name=EDITORS))
    assert {"wagtailadmin.access_admin", "library.change_riskarea", "courses.add_question"} <= editors
    # Least privilege: editors never see attendees' registrations (phone numbers included).
    assert not {c for c in editors if c.startswith("events.")}
    assert "drills.view_drillrun" in codenames(Group.objects.get(name=MODERATORS))


@pytest.mark.django_db
def test_review_workflows_are_named_in_chinese():
    root = Page.objects.get(depth=1)
    assert root.get_workflow().name == CONTENT_REVIEW
    review = Workflow.objects.get(name=GUIDELINE_REVIEW)
    assert [task.name for task in review.tasks] == [BUSINESS_REVIEW_TASK, LEGAL_REVIEW_TASK]
    assert [g.name for g in review.tasks[1].specific.groups.all()] == [LEGAL_REVIEWERS]


@pytest.mark.django_db
def test_a_guideline_is_public_only_after_business_and_legal_review(client, home):
    guideline_index = GuidelineIndexPageFactory(parent=home)
    User = get_user_model()
    editor = User.objects.create_user("editor", "editor@example.com", "pass-1234-word")
    editor.groups.add(Group.objects.get(name=EDITORS))
    moderator = User.objects.create_user("moderator", "m@example.com", "pass-1234-word")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    lawyer = User.objects.create_user("lawyer", "l@example.com", "pass-1234-word")
    lawyer.groups.add(Group.objects.get(name=LEGAL_REVIEWERS))
    assign_guideline_review(guideline_index)

    page = GuidelinePage(
        title="建筑行业企业合规工作指引", slug="construction", industry=IndustryFactory(), live=False
    )
    guideline_index.add_child(instance=page)
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    assert state.workflow.name == GUIDELINE_REVIEW

    business = state.current_task_state
    assert business.task.specific.user_can_access_editor(page, moderator)
    assert not business.task.specific.user_can_access_editor(page, lawyer)
    business.approve(user=moderator)
    page.refresh_from_db()
    assert not page.live
    assert client.get("/guidelines/construction/").status_code == 404

    state.refresh_from_db()
    state.current_task_state.approve(user=lawyer)
    page.refresh_from_db()
    assert page.live
    assert client.get("/guidelines/construction/").status_code == 200
