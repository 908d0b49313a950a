"""The traffic-light guideline page: filters, cross-links, PDF, query counts, publishing."""

import re
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Workflow

from library.models import GuidelineItem, GuidelinePage
from tests.library.factories import (
    CasePageFactory,
    ContactPointFactory,
    GuidelineItemFactory,
    GuidelinePageFactory,
    IndustryFactory,
)

RED, YELLOW, GREEN = GuidelineItem.Level.RED, GuidelineItem.Level.YELLOW, GuidelineItem.Level.GREEN


@pytest.fixture
def footwear(guideline_index, risk_areas):
    industry = IndustryFactory(code="footwear", name="鞋革")
    page = GuidelinePageFactory(
        parent=guideline_index, slug="footwear", title="鞋革行业企业合规工作指引", industry=industry
    )
    GuidelineItemFactory(
        page=page,
        title="严禁虚开增值税专用发票",
        level=RED,
        risk_area=risk_areas["labour"],
        legal_basis="《刑法》第二百零五条",
    )
    GuidelineItemFactory(page=page, title="严禁生产仓储住宿三合一", level=RED, risk_area=risk_areas["safety"])
    GuidelineItemFactory(
        page=page, title="依法订立书面劳动合同", level=YELLOW, risk_area=risk_areas["labour"]
    )
    GuidelineItemFactory(
        page=page,
        title="建立安全风险双重预防机制",
        level=GREEN,
        risk_area=risk_areas["safety"],
        flexible_category=GuidelineItem.FlexibleCategory.FIRST_OFFENCE,
    )
    return page


def titles(response):
    """The item titles the checklist shows, in order."""
    checklist = response.content.decode().partition('<ol class="checklist">')[2].partition("</ol>")[0]
    return re.findall(r"<h2>(.*?)</h2>", checklist)


@pytest.mark.django_db
def test_guideline_page_renders_the_checklist(client, footwear):
    ContactPointFactory(association="温州市鹿城区鞋革行业协会", industry=footwear.industry)
    response = client.get("/guidelines/footwear/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "鞋革行业企业合规工作指引" in html
    assert "《刑法》第二百零五条" in html
    assert "首违不罚" in html
    assert "温州市鹿城区鞋革行业协会" in html
    assert f'id="item-{footwear.items.first().pk}"' in html
    assert [(value, count) for value, _label, count in response.context["level_counts"]] == [
        ("red", 2),
        ("yellow", 1),
        ("green", 1),
    ]


@pytest.mark.django_db
def test_level_and_risk_area_filters_narrow_the_items(client, footwear):
    response = client.get("/guidelines/footwear/?level=red")
    assert sorted(titles(response)) == ["严禁生产仓储住宿三合一", "严禁虚开增值税专用发票"]
    assert '<option value="red" selected>' in response.content.decode()
    response = client.get("/guidelines/footwear/?risk_area=safety")
    assert sorted(titles(response)) == ["严禁生产仓储住宿三合一", "建立安全风险双重预防机制"]
    response = client.get("/guidelines/footwear/?level=red&risk_area=labour")
    assert titles(response) == ["严禁虚开增值税专用发票"]
    response = client.get("/guidelines/footwear/?level=green&risk_area=labour")
    assert titles(response) == []
    assert "没有符合筛选条件的条目" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "level=purple",
        "risk_area=nowhere",
        "level=red'--&risk_area=<script>",
        "level=" + "x" * 500,
    ],
)
def test_bad_filter_values_show_all_items_with_a_note(client, footwear, query):
    response = client.get(f"/guidelines/footwear/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    if "level=red'" not in query:
        assert len(titles(response)) == 4
    assert "已显示全部" in html
    assert "<script>" not in html.split("<main", 1)[1]


@pytest.mark.django_db
def test_a_nul_byte_in_a_filter_is_refused(client, footwear):
    response = client.get("/guidelines/footwear/?level=%00")
    assert response.status_code == 400 and "无效字符" in response.content.decode()


@pytest.mark.django_db
def test_item_shows_its_published_cases(client, footwear, case_index):
    item = footwear.items.get(title="严禁虚开增值税专用发票")
    CasePageFactory(parent=case_index, title="某鞋业公司虚开发票案", items=[item])
    draft = CasePageFactory(parent=case_index, title="尚未发布的案例", items=[item])
    draft.unpublish()
    html = client.get("/guidelines/footwear/").content.decode()
    assert "某鞋业公司虚开发票案" in html
    assert "尚未发布的案例" not in html


def guideline_queries(client, url):
    client.get(url)  # the first request creates the site settings rows
    # Measure a full render: neither the anonymous page cache nor the item fragments.
    cache.clear()
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_guideline_page_query_count_does_not_grow_with_items(client, guideline_index, case_index, risk_areas):
    industry = IndustryFactory(code="software", name="软件")
    page = GuidelinePageFactory(parent=guideline_index, slug="software", industry=industry)

    def add_items(n):
        for i in range(n):
            item = GuidelineItemFactory(
                page=page, level=[RED, YELLOW, GREEN][i % 3], risk_area=risk_areas["safety"]
            )
            if i % 5 == 0:
                CasePageFactory(parent=case_index, industry=industry, items=[item])

    add_items(10)
    few = guideline_queries(client, "/guidelines/software/")
    few_filtered = guideline_queries(client, "/guidelines/software/?level=red&risk_area=safety")
    add_items(90)
    assert page.items.count() == 100
    assert guideline_queries(client, "/guidelines/software/") == few
    assert guideline_queries(client, "/guidelines/software/?level=red&risk_area=safety") == few_filtered
    assert few <= 25


def pdf_text(data, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "guideline.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.django_db
def test_pdf_download_contains_the_chinese_title(client, footwear, tmp_path):
    response = client.get("/guidelines/footwear/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    assert "鞋革行业企业合规工作指引" in text
    assert "严禁虚开增值税专用发票" in text
    assert "《刑法》第二百零五条" in text


@pytest.mark.django_db
def test_pdf_honours_filters_and_survives_bad_ones(client, footwear, tmp_path):
    text = pdf_text(client.get("/guidelines/footwear/pdf/?level=yellow").content, tmp_path)
    assert "依法订立书面劳动合同" in text
    assert "严禁虚开增值税专用发票" not in text
    response = client.get("/guidelines/footwear/pdf/?level=nonsense&risk_area=zz")
    assert response.status_code == 200
    assert "严禁虚开增值税专用发票" in pdf_text(response.content, tmp_path)


@pytest.mark.django_db
def test_unpublished_guideline_and_its_pdf_are_not_public(client, footwear):
    footwear.unpublish()
    assert client.get("/guidelines/footwear/").status_code == 404
    assert client.get("/guidelines/footwear/pdf/").status_code == 404
    assert client.get("/guidelines/").context["guideline_pages"] == []


@pytest.mark.django_db
def test_index_lists_guidelines_with_level_counts(client, footwear):
    response = client.get("/guidelines/")
    assert response.status_code == 200
    listed = list(response.context["guideline_pages"])
    assert listed == [footwear]
    assert (listed[0].red_count, listed[0].yellow_count, listed[0].green_count) == (2, 1, 1)
    assert "鞋革行业企业合规工作指引" in response.content.decode()


@pytest.mark.django_db
def test_contact_points_directory(client, guideline_index):
    ContactPointFactory(
        association="温州市鹿城区软件行业协会", services="个人信息保护合规咨询\n知识产权保护对接"
    )
    response = client.get("/guidelines/contact-points/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "温州市鹿城区软件行业协会" in html
    assert "<li>知识产权保护对接</li>" in html


@pytest.mark.django_db
def test_editors_changes_go_through_the_moderation_workflow(client, guideline_index):
    """Draft → review → publish: nothing is public before a moderator approves it."""
    workflow = Workflow.objects.get(name="内容审核")  # Wagtail's default on the root page, renamed
    editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "pass-1234-word")
    page = GuidelinePage(
        title="建筑行业企业合规工作指引", slug="construction", industry=IndustryFactory(), live=False
    )
    guideline_index.add_child(instance=page)
    page.save_revision(user=editor)
    assert page.get_workflow() == workflow
    workflow_state = workflow.start(page, editor)
    assert client.get("/guidelines/construction/").status_code == 404
    workflow_state.current_task_state.approve(user=editor)
    page.refresh_from_db()
    assert page.live
    assert client.get("/guidelines/construction/").status_code == 200


@pytest.mark.django_db
def test_publishing_a_case_refreshes_the_cached_guideline_page(client, footwear, case_index):
    """Anonymous pages are cached; a newly published case still shows up on its items."""
    client.get("/guidelines/footwear/")  # creates the site settings rows, a new cache generation
    assert "新发布的虚开案例" not in client.get("/guidelines/footwear/").content.decode()
    assert client.get("/guidelines/footwear/")["X-Page-Cache"] == "hit"
    case = CasePageFactory.build(title="新发布的虚开案例", slug="new-case", industry=footwear.industry)
    case.live = False
    case_index.add_child(instance=case)
    case.guideline_items.set([footwear.items.get(title="严禁虚开增值税专用发票")])
    case.save_revision().publish()
    assert "新发布的虚开案例" in client.get("/guidelines/footwear/").content.decode()


@pytest.mark.django_db
def test_saving_a_contact_point_refreshes_cached_pages(client, footwear):
    client.get("/guidelines/contact-points/")
    ContactPointFactory(association="温州市鹿城区眼镜行业协会")
    assert "温州市鹿城区眼镜行业协会" in client.get("/guidelines/contact-points/").content.decode()


@pytest.mark.django_db
def test_pdf_is_cached_with_its_page_and_goes_stale_with_it(client, footwear):
    client.get("/guidelines/footwear/pdf/")
    assert client.get("/guidelines/footwear/pdf/")["X-Page-Cache"] == "hit"
    footwear.save_revision().publish()
    assert client.get("/guidelines/footwear/pdf/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_preview_shows_unsaved_items(footwear, risk_areas):
    """Editors preview a draft: its in-memory items are shown, filters included."""
    footwear.items.add(
        GuidelineItem(
            title="草稿中的新红线",
            level=RED,
            risk_area=risk_areas["safety"],
            what_to_do="<p>草稿内容</p>",
            legal_basis="《消防法》第十九条",
        )
    )
    html = footwear.make_preview_request().content.decode()
    assert "草稿中的新红线" in html
    assert "严禁虚开增值税专用发票" in html
    assert GuidelinePage.objects.get(pk=footwear.pk).items.count() == 4  # nothing saved


@pytest.mark.django_db
def test_editor_creates_a_guideline_with_items_in_the_admin(client, guideline_index, risk_areas):
    """The Wagtail editor form saves a draft with its items; it is not public until published."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "pass-1234-word")
    client.force_login(editor)
    industry = IndustryFactory(code="eyewear", name="眼镜")
    add_url = f"/admin/pages/add/library/guidelinepage/{guideline_index.pk}/"
    assert client.get(add_url).status_code == 200
    data = nested_form_data(
        {
            "title": "眼镜行业企业合规工作指引",
            "slug": "eyewear",
            "industry": industry.pk,
            "risk_area": "",
            "intro": "眼镜企业合规导语",
            "body": streamfield([]),
            "items": inline_formset(
                [
                    {
                        "title": "严禁骗取出口退税",
                        "level": "red",
                        "risk_area": risk_areas["labour"].pk,
                        "what_to_do": rich_text("<p>如实申报出口业务。</p>"),
                        "legal_basis": "《刑法》第二百零四条",
                        "consequence": "",
                        "remedy": "",
                        "flexible_category": "",
                        "flexible_conditions": "",
                    }
                ]
            ),
        }
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = GuidelinePage.objects.get(slug="eyewear")
    assert not page.live
    assert client.get("/guidelines/eyewear/").status_code == 404
    revision_page = page.get_latest_revision_as_object()
    assert [item.title for item in revision_page.items.all()] == ["严禁骗取出口退税"]
    client.logout()
    page.get_latest_revision().publish()
    assert "严禁骗取出口退税" in client.get("/guidelines/eyewear/").content.decode()
    client.force_login(editor)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
