"""The admin reads Chinese: every Wagtail string has a zh-hans translation, Wagtail's own or ours."""

import glob
import re

import polib
import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from consult.models import Department
from tests.conftest import make_user


def english_catalogues():
    """The English source catalogues of the installed Wagtail apps (and wagtailmedia)."""
    for app in apps.get_app_configs():
        if app.name == "wagtailmedia" or app.name.startswith("wagtail"):
            yield from glob.glob(f"{app.path}/locale/en/LC_MESSAGES/django.po")


def test_every_wagtail_admin_string_has_a_chinese_translation():
    untranslated = []
    with translation.override("zh-hans"):
        for path in english_catalogues():
            for entry in polib.pofile(path):
                if entry.obsolete or not entry.msgid.strip():
                    continue
                if entry.msgid_plural:
                    text = (
                        translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 2)
                        if entry.msgctxt
                        else translation.ngettext(entry.msgid, entry.msgid_plural, 2)
                    )
                    english = entry.msgid_plural
                else:
                    text = (
                        translation.pgettext(entry.msgctxt, entry.msgid)
                        if entry.msgctxt
                        else translation.gettext(entry.msgid)
                    )
                    english = entry.msgid
                if text == english and any(c.isalpha() and c.isascii() for c in english):
                    untranslated.append(english)
    # Names that stay as they are in Chinese too.
    kept = {
        "Wagtail API v2",
        "Wagtail API v3",
        "%(range_start)s - %(range_end)s",
        "%(related_model_name)s %(field_label)s",
        "ID",
        "URL",
    }
    assert sorted(set(untranslated) - kept) == []


@pytest.mark.django_db
def test_the_dashboard_and_editor_read_chinese(client, home):
    editor = make_user("editor@gov.example", is_superuser=True, is_staff=True)
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "编辑指南" in dashboard and "editor guide" not in dashboard
    assert "个页面" in dashboard and " Pages" not in dashboard
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content.decode()
    assert "内容指标" in edit and "Content metrics" not in edit
    assert "可读性" in edit and "Readability" not in edit


def visible_text(html):
    """The page's text without scripts, styles and tags (what an editor reads)."""
    html = re.sub(r"<(script|style|template|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_the_sign_in_page_reads_chinese(client):
    text = visible_text(client.get(reverse("wagtailadmin_login")).content.decode())
    assert "密码" in text and "记住我" in text
    assert "Password" not in text and "Remember" not in text


@pytest.mark.django_db
def test_listings_show_no_python_values(client, home):
    Department.objects.create(name="区司法局", is_intake=False)
    # A page published by no one (the demo loader, a scheduled publish) is credited to 系统.
    home.save_revision().publish()
    client.force_login(make_user("editor@gov.example", is_superuser=True, is_staff=True))
    departments = visible_text(client.get("/admin/snippets/consult/department/").content.decode())
    assert "区司法局" in departments and "False" not in departments
    aging = visible_text(client.get(reverse("wagtailadmin_reports:aging_pages")).content.decode())
    assert "系统" in aging and "None" not in aging
    explorer = visible_text(client.get(reverse("wagtailadmin_explore_root")).content.decode())
    assert "全部站点" in explorer and "Root" not in explorer


@pytest.mark.django_db
def test_the_group_screen_names_permissions_in_the_admins_language(client):
    """Django stores permission names in English ("Can add user"); the group screen reads them
    from the model's own (translated) name instead."""
    from django.contrib.auth.models import Group

    from portal.roles import EDITORS

    client.force_login(make_user("root@gov.example", is_superuser=True, is_staff=True))
    url = reverse("wagtailusers_groups:edit", args=[Group.objects.get(name=EDITORS).pk])
    text = visible_text(client.get(url).content.decode())
    assert "可以添加用户" in text and "可以添加页面" in text and "语言区域" in text and "简易翻译" in text
    assert not re.findall(r"Can (?:add|change|delete|view) ", text)
    assert "Simple translation" not in text and " Locale " not in text
