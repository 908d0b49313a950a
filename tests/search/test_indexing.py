"""Keeping the index current: signals enqueue jobs; jobs rebuild documents; commands; health."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from library.models import Industry, RiskArea
from portal.models import StandardPage
from search import query as search_query
from search.indexing import page_text
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def add_page(parent, title, intro="", slug=None):
    page = StandardPage(title=title, intro=intro, slug=slug or f"i{StandardPage.objects.count() + 1}")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def enqueued():
    """(task path, *args) of every job queued while the test runs."""
    from django_tasks.signals import task_enqueued
    from django_tasks.utils import get_module_path

    calls = []

    def record(sender, task_result, **kwargs):
        path = get_module_path(task_result.task.func)
        if path.startswith("search."):  # not Wagtail's own tasks
            calls.append((path, *task_result.args))

    task_enqueued.connect(record)
    yield calls
    task_enqueued.disconnect(record)


def test_publish_unpublish_and_move_go_through_jobs(home, enqueued):
    section = add_page(home, "合规专题", "专题页面", slug="topic")
    page = add_page(home, "信用修复指南", "信用修复从快从简", slug="credit")
    assert ("search.indexing.refresh_page", page.pk) in enqueued
    page.move(section, pos="last-child")
    assert ("search.indexing.refresh_subtree", page.pk) in enqueued
    assert search_query.search("信用修复").hits[0].url.endswith("/topic/credit/")
    page.refresh_from_db()
    page.unpublish()  # at once, not in a job: see search.signals.on_page_unpublished
    assert not SearchDocument.objects.filter(page=page).exists()


def test_private_pages_leave_the_public_search(home, enqueued):
    section = add_page(home, "内部资料", "内部", slug="internal")
    child = add_page(section, "内部合规整改台账", "合规整改", slug="ledger")
    assert search_query.search("合规整改台账").total == 1
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert ("search.indexing.refresh_subtree", section.pk) in enqueued
    assert search_query.search("合规整改台账").total == 0
    restriction.delete()
    assert search_query.search("合规整改台账").total == 1
    assert SearchDocument.objects.filter(page=child).exists()


def test_a_translation_is_found_as_its_chinese_page(home):
    from wagtail.models import Locale

    from portal.demo_english import translate_page

    page = add_page(home, "信用修复指南", "信用修复从快从简", slug="credit")
    english = translate_page(
        page,
        Locale.objects.get_or_create(language_code="en")[0],
        lambda copy: setattr(copy, "title", "Credit repair"),
    )
    # Both share one URL: the Chinese page is the one result, in whichever language it is read.
    assert not SearchDocument.objects.filter(page=english).exists()
    hits = search_query.search("信用修复").hits
    assert [hit.title for hit in hits] == ["信用修复指南"]


def test_industry_snippet_save_refreshes_its_documents(home, enqueued, monkeypatch):
    industry = Industry.objects.create(name="鞋革", code="footwear-i")
    monkeypatch.setattr(StandardPage, "search_industries", lambda self: [industry], raising=False)
    add_page(home, "鞋革行业指引", "红线", slug="shoes")
    industry.name = "鞋革皮具"
    industry.save()
    assert ("search.indexing.refresh_industry", industry.pk) in enqueued
    facets = search_query.search("红线").industry_facets
    assert [(f.key, f.label, f.count) for f in facets] == [("footwear-i", "鞋革皮具", 1)]


def test_page_text_follows_search_fields_and_strips_markup(home):
    page = add_page(home, "标题不重复", "导语<b>加粗</b>文字", slug="markup")
    page.body = [("paragraph", "<p>正文&nbsp;段落</p>")]
    page.save_revision().publish()
    text = page_text(page.specific)
    assert "导语加粗文字" in text and "正文 段落" in text
    assert "标题不重复" not in text and "<" not in text


def test_rebuild_command_reports_progress_and_count(home, capsys):
    add_page(home, "首违不罚清单", "柔性执法", slug="fe")
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index")
    out = capsys.readouterr().out
    assert "文档 documents [" in out and "数据库索引 index [" in out
    assert "search index rebuilt: 1 个搜索文档 documents" in out
    assert search_query.search("首违不罚").total == 1


def test_search_health_command(home, capsys):
    add_page(home, "企业合规指引", "合规", slug="guide")
    call_command("search_health")
    out = capsys.readouterr().out
    assert "ChineseSQLiteSearchBackend" in out or "ChinesePostgresSearchBackend" in out
    assert "搜索文档 search documents: 1" in out
    assert "via database: 1 hits" in out
    assert "search healthy" in out


def test_healthz_pings_the_search_backend(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["search"] == "ok"


def test_admin_search_finds_chinese_content(home, client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.com", "pass-1234-word")
    client.force_login(admin)
    add_page(home, "涉案企业合规整改指引", "刑行衔接与合规整改", slug="rectify")
    RiskArea.objects.create(name="税务发票合规", code="tax-admin")
    Image.objects.create(title="白鹿法治论坛现场", file=get_test_image_file())
    document = Document.objects.create(title="信用修复申请表")
    document.file.save("form.txt", ContentFile(b"form"))

    html = client.get("/admin/pages/search/", {"q": "合规整改"}).content.decode()
    assert "涉案企业合规整改指引" in html
    html = client.get("/admin/snippets/library/riskarea/", {"q": "发票"}).content.decode()
    assert "税务发票合规" in html
    html = client.get("/admin/images/", {"q": "法治论坛"}).content.decode()
    assert "白鹿法治论坛现场" in html
    html = client.get("/admin/documents/", {"q": "信用修复"}).content.decode()
    assert "信用修复申请表" in html
