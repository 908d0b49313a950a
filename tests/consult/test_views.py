"""The enterprise side: asking, following, replying, closing; and who may see what."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consult import services
from consult.models import Attachment, AuditEntry, ConsultationRequest, Rating, Status

from .factories import make_taxonomy, pdf_file, submit

pytestmark = pytest.mark.django_db

INDEX = "/consult/"


def form_data(**extra):
    industry, area = make_taxonomy()
    data = {
        "title": "试用期辞退是否需要补偿?",
        "industry": industry.pk,
        "risk_area": area.pk,
        "description": "员工试用期内多次迟到,公司想解除劳动合同,需要提前通知吗?是否支付经济补偿?",
        "urgent": "on",
    }
    data.update(extra)
    return data


def test_anonymous_visitors_read_the_promise_and_are_asked_to_sign_in(client, desk):
    response = client.get(INDEX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "30 分钟内响应" in body
    assert reverse("account_login") in body
    assert 'name="title"' not in body
    response = client.post(INDEX, form_data())
    assert not ConsultationRequest.objects.exists()


def test_users_without_an_enterprise_are_sent_to_register_one(client, desk, user):
    client.force_login(user)
    body = client.get(INDEX).content.decode()
    assert "/me/enterprise/new/" in body
    assert 'name="title"' not in body
    client.post(INDEX, form_data())
    assert not ConsultationRequest.objects.exists()


def test_a_member_submits_a_question_with_an_attachment(client, desk):
    client.force_login(desk.asker)
    data = form_data(attachments=[pdf_file("劳动合同.pdf")])
    response = client.post(INDEX, data)
    request = ConsultationRequest.objects.get()
    assert response.status_code == 302
    assert response.url == f"/consult/{request.pk}/"
    assert request.asker == desk.asker
    assert request.enterprise == desk.firm
    assert request.urgent is True
    assert request.may_publish_anonymously is False
    assert request.attachments.get().original_name == "劳动合同.pdf"
    page = client.get(response.url).content.decode()
    assert "试用期辞退是否需要补偿" in page
    assert "劳动合同.pdf" in page


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"title": "问"}, "标题至少 4 个字"),
        ({"description": "太短"}, "请至少用 10 个字"),
        ({"attachments": [SimpleUploadedFile("a.exe", b"MZ")]}, "文件类型不受支持"),
        ({"attachments": [SimpleUploadedFile("a.pdf", b"not a pdf at all")]}, "内容与扩展名 .pdf 不符"),
        ({"industry": "999999"}, "选择一个有效的选项"),
    ],
)
def test_bad_submissions_change_nothing(client, desk, changes, error, settings):
    client.force_login(desk.asker)
    response = client.post(INDEX, form_data(**changes))
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not ConsultationRequest.objects.exists()
    assert not Attachment.objects.exists()


def test_the_asker_and_the_officer_follow_the_request_no_one_else(client, desk, other_user):
    request = submit(desk.asker)
    url = request.get_absolute_url()
    for reader in (desk.asker, desk.officer):
        client.force_login(reader)
        assert client.get(url).status_code == 200
    # A colleague not involved, another enterprise's officer, a stranger, department staff on the public side.
    for outsider in (desk.colleague, desk.other_officer, other_user, desk.market_staff):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(reverse("consult:reply", args=[request.pk]), {"text": "看看"}).status_code == 404
        assert client.post(reverse("consult:close", args=[request.pk]), {"score": 5}).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to sign in
    assert not request.messages.exists()


def test_someone_who_left_the_enterprise_no_longer_follows_its_requests(client, desk):
    request = submit(desk.asker, title="离职前提交的咨询")
    desk.asker.membership.delete()
    client.force_login(desk.asker)
    assert client.get(request.get_absolute_url()).status_code == 404
    assert "离职前提交的咨询" not in client.get(INDEX).content.decode()
    assert "离职前提交的咨询" not in client.get("/me/").content.decode()
    # Their own words stay in their personal-data download.
    assert client.get("/me/data.json").json()["consultations"][0]["title"] == "离职前提交的咨询"


def test_viewing_is_audited(client, desk):
    request = submit(desk.asker)
    client.force_login(desk.officer)
    client.get(request.get_absolute_url())
    entry = request.audit_entries.get(action=AuditEntry.Action.VIEW)
    assert entry.user == desk.officer


def test_attachments_are_served_only_to_those_involved(client, desk):
    request = submit(desk.asker, files=[pdf_file("合同.pdf")])
    url = request.attachments.get().get_absolute_url()
    for reader in (desk.asker, desk.officer, desk.justice_staff):
        client.force_login(reader)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    for outsider in (desk.colleague, desk.other_officer, desk.market_staff):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    assert request.audit_entries.filter(action=AuditEntry.Action.DOWNLOAD).count() == 3


def test_reply_and_close_with_a_rating(client, desk):
    request = submit(desk.asker)
    services.answer(request, desk.justice_staff, "可以在试用期内解除,但需证明不符合录用条件。")
    client.force_login(desk.asker)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "不符合录用条件" in page
    assert "办结并评价" in page

    response = client.post(reverse("consult:reply", args=[request.pk]), {"text": "录用条件需要书面告知吗?"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.IN_PROGRESS

    response = client.post(reverse("consult:close", args=[request.pk]), {"score": "9"})
    assert response.status_code == 400
    assert "请给出 1 到 5 分的评分" in response.content.decode()
    assert not Rating.objects.exists()

    response = client.post(reverse("consult:close", args=[request.pk]), {"score": "5", "comment": "很专业"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    assert request.rating.score == 5


def test_empty_reply_is_refused(client, desk):
    request = submit(desk.asker)
    client.force_login(desk.asker)
    response = client.post(reverse("consult:reply", args=[request.pk]), {"text": "   "})
    assert response.status_code == 400
    assert not request.messages.exists()


def test_closing_before_an_answer_is_refused(client, desk):
    request = submit(desk.asker)
    client.force_login(desk.asker)
    response = client.post(reverse("consult:close", args=[request.pk]), {"score": "5"})
    assert response.status_code == 400
    assert "尚未答复" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.NEW


def test_me_panel_and_data_export(client, desk):
    submit(desk.asker, title="我的第一个问题")
    submit(desk.colleague, title="同事的问题")
    client.force_login(desk.asker)
    body = client.get("/me/").content.decode()
    assert "我的第一个问题" in body
    assert "同事的问题" not in body
    response = client.get("/me/data.json")
    data = json.loads(response.content)
    assert [item["title"] for item in data["consultations"]] == ["我的第一个问题"]


def test_the_officer_sees_the_enterprises_requests_on_the_enterprise_page(client, desk):
    submit(desk.colleague, title="同事的问题")
    submit(desk.other_officer, title="别家的问题")
    client.force_login(desk.officer)
    body = client.get("/me/enterprise/").content.decode()
    assert "同事的问题" in body
    assert "别家的问题" not in body


def test_index_lists_my_requests_with_bounded_queries(client, desk):
    from django.db import connection

    client.force_login(desk.asker)
    submit(desk.asker, title="问题一二三四")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        return len(queries)

    count()  # warm the per-process caches (site, settings)
    few = count()
    for n in range(8):
        submit(desk.asker, title=f"更多的问题 {n}")
    assert count() == few
