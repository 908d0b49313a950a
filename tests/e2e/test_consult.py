"""A member asks the desk, staff answer in the Wagtail admin, the member closes it with a rating."""

import pytest

from accounts.models import Membership
from consult import services
from consult.models import ConsultationRequest, Status
from tests.consult.factories import make_department, make_enterprise, make_member, make_site, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234-word"  # make_user's default


def test_ask_answer_in_admin_and_close_with_rating(page, browser, live_server, login, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_site()  # not the `home` fixture: an earlier browser test's flush may have removed the page root
    justice = make_department("区司法局", "justice", intake=True)
    staff = make_staff(justice, "sfj@gov.example", "林志远")
    firm = make_enterprise("明履鞋业")
    member = make_member(firm, Membership.Role.OFFICER, "zhang@firm.example", "张晓东")

    # The member asks, with a PDF attached.
    login(member.email)
    page.goto(live_server.url + "/consult/")
    page.fill("input[name=title]", "试用期辞退需要支付经济补偿吗?")
    page.fill(
        "textarea[name=description]",
        "一名缝帮工试用期两个月,多次迟到且返工率高,试用期内解除劳动合同需要注意什么?",
    )
    page.check("input[name=urgent]")
    evidence = tmp_path / "考勤记录.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.set_input_files("input[name=attachments]", str(evidence))
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "咨询已提交" in page.content()
    assert "考勤记录.pdf" in page.content()
    request = ConsultationRequest.objects.get()
    assert page.url.endswith(f"/consult/{request.pk}/")

    # Staff answer from the Wagtail admin.
    admin_context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 900})
    admin = admin_context.new_page()
    admin.set_default_timeout(15000)
    admin.goto(live_server.url + "/admin/login/")
    admin.fill("input[name=username]", staff.username)
    admin.fill("input[name=password]", PASSWORD)
    admin.click("button[type=submit]")
    admin.wait_for_load_state("networkidle")
    admin.click("text=咨询受理")
    admin.wait_for_load_state("networkidle")
    assert "响应" in admin.content()
    admin.click("text=试用期辞退需要支付经济补偿吗?")
    admin.wait_for_load_state("networkidle")
    admin.click("form.consult-action button:has-text('响应')")
    admin.wait_for_load_state("networkidle")
    assert "已响应" in admin.content()
    admin.fill(
        "textarea[name='answer-text']", "试用期内证明不符合录用条件的,可以解除劳动合同,无需支付经济补偿。"
    )
    admin.click("#consult-answer button[type=submit]")
    admin.wait_for_load_state("networkidle")
    assert "答复已发送给企业" in admin.content()
    admin_context.close()

    # The member reads the answer and closes the request with a rating.
    page.reload()
    assert "无需支付经济补偿" in page.content()
    page.check("input[name=score][value='5']")
    page.fill("textarea[name=comment]", "答复及时、清楚。")
    page.click(".consult-close button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "该咨询已办结" in page.content()
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    assert request.rating.score == 5
    assert request.acknowledged_at is not None and request.answered_at is not None
    assert request.messages.get().sender == staff
    assert request.audit_entries.filter(action="view", user=staff).exists()


def test_the_lead_assigns_and_the_assignee_answers_and_finishes(page, live_server, admin_login):
    """In the admin: the department lead assigns a request, the assignee answers it and closes it."""
    make_site()
    justice = make_department("区司法局", "justice", intake=True)
    lead = make_staff(justice, "lead@gov.example", "王科长")
    colleague = make_staff(justice, "chen@gov.example", "陈志明")
    justice.lead = lead
    justice.save()
    firm = make_enterprise("瓯江软件")
    member = make_member(firm, Membership.Role.OFFICER, "li@firm.example", "李婷")
    request = services.submit(
        member, title="员工个人信息能否提供给客户?", description="客户要求提供项目人员的身份证复印件。"
    )
    detail = f"{live_server.url}/admin/consult/{request.pk}/"

    admin_login(colleague.username)
    page.goto(detail)
    assert page.locator("#consult-assign").count() == 0  # only the lead assigns
    assert "分派和转办由部门负责人" in page.content()

    admin_login(lead.username)
    page.goto(detail)
    page.select_option("#consult-assign select[name$=assignee]", label=f"陈志明 ({colleague.email})")
    page.click("#consult-assign button[type=submit]")
    page.wait_for_load_state("networkidle")
    request.refresh_from_db()
    assert request.assignee == colleague

    admin_login(colleague.username)
    page.goto(detail)
    page.fill("textarea[name='answer-text']", "应取得员工单独同意,并只提供必要信息。")
    page.click("#consult-answer button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "答复已发送给企业" in page.content()
    page.fill("#consult-finish textarea", "已答复:提供前须取得员工单独同意。")
    page.click("#consult-finish button[type=submit]")
    page.wait_for_load_state("networkidle")
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    assert request.messages.get().sender == colleague
