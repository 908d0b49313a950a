"""The admin's editing screens work under the site's Content-Security-Policy.

The ``page`` fixture fails the journey on any violation reported in the console.
"""

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_works_in_the_admin_without_policy_violations(page, live_server, home):
    get_user_model().objects.create_superuser("editor", "editor@example.com", "pass-1234-word")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "pass-1234-word")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/admin/" in page.url and "login" not in page.url
    for path in [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/add/portal/standardpage/{home.pk}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/reports/aging-pages/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("main, #main").count() > 0, path
    # The page chooser modal and the preview panel load their code dynamically.
    page.goto(f"{live_server.url}/admin/pages/add/portal/standardpage/{home.pk}/")
    page.fill("#id_title", "CSP 检查页")
    page.wait_for_timeout(500)
