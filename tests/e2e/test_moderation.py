"""Moderation in the admin: an editor submits a page for review, a moderator approves it, it goes live."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from portal.roles import EDITORS, MODERATORS
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_submits_moderator_approves_and_the_page_goes_live(page, live_server, admin_login, home):
    editor = make_user("editor@gov.example", real_name="周编辑")
    editor.groups.add(Group.objects.get(name=EDITORS))
    moderator = make_user("moderator@gov.example", real_name="吴审核")
    moderator.groups.add(Group.objects.get(name=MODERATORS))

    admin_login(editor.username)
    page.goto(f"{live_server.url}/admin/pages/add/portal/standardpage/{home.pk}/")
    page.fill("#id_title", "企业合规承诺书范本")
    page.fill("#id_intro", "供企业签署的合规承诺书范本。")
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state("networkidle")
    created = Page.objects.get(title="企业合规承诺书范本").specific
    assert not created.live
    assert created.current_workflow_state is not None
    # Not public before approval.
    assert page.request.get(live_server.url + created.url).status == 404

    admin_login(moderator.username)
    page.goto(f"{live_server.url}/admin/")
    assert "企业合规承诺书范本" in page.content()  # awaiting review on the dashboard
    page.goto(f"{live_server.url}/admin/pages/{created.pk}/edit/")
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("[data-workflow-action-name=approve]").first.click()
    page.wait_for_load_state("networkidle")
    created.refresh_from_db()
    assert created.live
    public = page.request.get(live_server.url + created.url)
    assert public.status == 200 and "供企业签署的合规承诺书范本。" in public.text()
