"""Moderation publishes: a moderator's approve-and-publish is never undone by an autosave."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from portal.models import StandardPage
from portal.roles import MODERATORS


def edit_form(page, **extra):
    """What the page editor posts for an unchanged StandardPage."""
    return {
        **nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "intro": page.intro,
                "body": streamfield([]),
                "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
            }
        ),
        **extra,
    }


@pytest.fixture
def submitted_page(home):
    editor = get_user_model().objects.create_user("editor", "editor@example.com", "pass-1234-word")
    page = home.add_child(instance=StandardPage(title="办事指南", slug="guide", live=False))
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user("moderator", "moderator@example.com", "pass-1234-word")
    user.is_staff = True
    user.save()
    group = Group.objects.get(name=MODERATORS)
    user.groups.add(group)
    return user


@pytest.mark.django_db
def test_the_page_editor_does_not_autosave(client, submitted_page, moderator):
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[submitted_page.pk]))
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").select_one("form[data-edit-form]")
    assert "w-autosave" not in form["data-controller"].split()
    assert form.get("data-w-autosave-interval-value") is None


@pytest.mark.django_db
def test_an_autosave_after_approve_and_publish_leaves_the_page_live(client, submitted_page, moderator):
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:edit", args=[submitted_page.pk])
    approve = edit_form(
        submitted_page, **{"action-workflow-action": "true", "workflow-action-name": "approve"}
    )
    # The click and a late autosave of the same form, as the browser sent them before.
    assert client.post(url, approve).status_code == 302
    autosave = client.post(url, approve, headers={"Accept": "application/json"})
    assert autosave.status_code == 400
    assert autosave.json()["success"] is False
    submitted_page.refresh_from_db()
    assert submitted_page.live
    assert client.get("/guide/").status_code == 200
