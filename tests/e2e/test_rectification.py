"""合规体检 → 整改 → 复查 in a real browser: a footwear firm's staff member finds red lines in the
self-check, the compliance officer plans and assigns the rectification, the owner uploads evidence and
hands the tasks in, the officer re-checks, the plan closes and its 合规整改报告 verifies."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from courses.drills.models import SelfCheckResult
from rectification.models import Evidence, IssuedReport, Plan, PlanEvent, ReCheck, Task
from tests.core.pdf_checks import line_breaking_faults, needs_poppler, pdf_pages
from tests.drills.factories import make_guideline, make_industry, make_self_check
from tests.rectification.factories import make_firm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens"


def screen(page, name):
    page.screenshot(path=SCREENS / f"rectification-{name}.png", full_page=True)


def go(page, selector):
    page.click(selector)
    page.wait_for_load_state("networkidle")


def sign_out(page):
    go(page, ".account-nav button:has-text('退出')")
    assert "/me/" not in page.url


def answer(page, title, label):
    page.check(f".question:has-text('{title}') label:has-text('{label}') input")


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@needs_poppler
@pytest.mark.slow
def test_self_check_plan_evidence_recheck_and_verified_report(
    page, live_server, login, home, tmp_path, settings
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    industry = make_industry()
    items = make_guideline(home, industry)
    make_self_check(home, industry)
    enterprise, officer, (staff,) = make_firm(industry=industry, staff=["staff@example.com"])
    SCREENS.mkdir(parents=True, exist_ok=True)
    invoice, contract = items["invoice"].title, items["contract"].title

    # The staff member runs the footwear self-check: the invoice red line is not held, contracts partly.
    login(staff.email)
    page.goto(live_server.url + "/drills/")
    go(page, "a:has-text('鞋革企业合规体检')")
    answer(page, invoice, "否，未做到")
    answer(page, contract, "部分做到")
    answer(page, items["officer"].title, "是，已做到")
    go(page, "button:has-text('提交并生成体检报告')")
    assert "合规体检报告" in page.content()
    result = SelfCheckResult.objects.get(user=staff)
    assert (result.red_count, result.yellow_count) == (1, 1)
    screen(page, "1-self-check-report")
    sign_out(page)

    # The officer finds the report from 我的 and turns it into a plan.
    login(officer.email)
    page.goto(live_server.url + "/me/")
    go(page, "a:has-text('全部整改计划')")
    source = page.locator(".rect-sources li", has_text="鞋革企业合规体检")
    assert "员工1-0" in source.inner_text()
    source.locator("button:has-text('创建整改计划')").click()
    page.wait_for_load_state("networkidle")
    plan = Plan.objects.get(enterprise=enterprise)
    assert plan.self_check == result and page.url.endswith(plan.get_absolute_url())
    assert "整改计划已创建" in page.content()
    tasks = {task.title: task for task in plan.tasks.all()}
    assert sorted(tasks) == sorted([invoice, contract])
    assert tasks[invoice].level == "red" and tasks[contract].level == "yellow"
    assert tasks[invoice].due_date < tasks[contract].due_date  # red is due sooner

    # Both tasks go to the staff member, each with its own due date.
    today = timezone.localdate()
    dues = {invoice: today + timedelta(days=10), contract: today + timedelta(days=20)}
    for title, due in dues.items():
        go(page, f".rect-tasks a:has-text('{title}')")
        page.select_option("#id_owner", label="员工1-0")
        page.fill("#id_due_date", due.isoformat())
        go(page, "button:has-text('保存指派')")
        assert "已保存责任人和整改期限" in page.content()
        go(page, f"nav a:has-text('{plan.title}')")
    for title, due in dues.items():
        task = Task.objects.get(pk=tasks[title].pk)
        assert (task.owner, task.due_date) == (staff, due)
    assert page.locator(".rect-tasks li", has_text="员工1-0").count() == 2
    scope = page.locator(".rect-scope select")
    assert scope.evaluate("e => e.getBoundingClientRect().height") >= 44
    figure = page.locator(".rect-compare .rect-figure").first
    assert figure.inner_text() == "33.3%" and figure.evaluate("e => getComputedStyle(e).fontSize") == "32px"
    screen(page, "2-plan-assigned-1280")
    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    screen(page, "2-plan-assigned-360")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_out(page)

    # The owner uploads a photo of the invoice ledger and hands both tasks in for re-check with a note.
    login(staff.email)
    page.goto(live_server.url + "/me/")
    go(page, f".me-rectification a:has-text('{invoice}')")
    page.set_input_files(
        "#id_file", files=[{"name": "发票台账核对.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    go(page, "button:has-text('上传')")
    assert "证明材料已上传" in page.content()
    evidence = Evidence.objects.get(task=tasks[invoice])
    assert evidence.original_name == "发票台账核对.png" and evidence.uploaded_by == staff
    link = page.locator(".rect-evidence a:has-text('发票台账核对.png')")
    download = page.request.get(live_server.url + link.get_attribute("href"))
    assert download.ok and download.body() == png_bytes()

    # A hand-in without a note is refused and says why.
    page.select_option("#id_status", "review")
    go(page, "button:has-text('保存状态')")
    assert "请填写整改说明" in page.content()
    assert Task.objects.get(pk=tasks[invoice].pk).status == Task.Status.TO_RECTIFY
    notes = {
        invoice: "已停止向无货供应商取票,补开合规发票并作进项转出。",
        contract: "已与全部员工补签书面劳动合同。",
    }
    for title, note in notes.items():
        if title != invoice:
            page.goto(live_server.url + "/me/")
            go(page, f".me-rectification a:has-text('{title}')")
        page.select_option("#id_status", "review")
        page.fill("#id_note", note)
        go(page, "button:has-text('保存状态')")
        assert "任务状态已更新" in page.content()
        if title == invoice:
            screen(page, "3-task-handed-in")
    assert set(plan.tasks.values_list("status", flat=True)) == {Task.Status.REVIEW}
    sign_out(page)

    # The officer re-checks only what failed; both items now pass and the plan closes.
    login(officer.email)
    page.goto(live_server.url + "/me/")
    go(page, f".me-rectification a:has-text('{plan.title}')")
    assert page.locator(".rect-tasks li", has_text="待复查").count() == 2
    go(page, "button:has-text('开始复查')")
    assert page.locator(".question").count() == 2
    answer(page, invoice, "是，已做到")
    answer(page, contract, "是，已做到")
    screen(page, "4-recheck")
    go(page, "button:has-text('提交复查')")
    assert "复查完成：通过 2 项，未通过 0 项" in page.content()
    plan.refresh_from_db()
    assert plan.is_closed and (plan.after_red, plan.after_yellow) == (0, 0)
    assert set(plan.tasks.values_list("status", flat=True)) == {Task.Status.DONE}
    assert ReCheck.objects.get(plan=plan).passed == 2
    assert PlanEvent.objects.filter(plan=plan, kind=PlanEvent.Kind.CLOSED).exists()
    facts = page.locator("dl.facts").inner_text()
    assert "已完成 2 / 2 项" in facts
    assert "尚未复查" not in page.content()

    # The 合规整改报告: issued, downloaded as a PDF that prints cleanly, and verified.
    go(page, "button:has-text('出具合规整改报告')")
    report = IssuedReport.objects.get(plan=plan)
    assert report.code in page.content()
    screen(page, "5-plan-closed-report")
    with page.expect_download() as download:
        page.click(".rect-report a:has-text('PDF')")
    assert download.value.suggested_filename.endswith(".pdf")
    pages = pdf_pages(Path(download.value.path()).read_bytes(), tmp_path, "report.pdf")
    text = "".join("".join(lines) for lines in pages)
    assert line_breaking_faults(pages) == []
    assert report.code in text and enterprise.name in text
    assert invoice in text and "发票台账核对.png" in text

    go(page, ".rect-report a:has-text('验证页')")
    assert page.url.endswith(f"/rectification/verify/{report.code}/")
    assert "该报告由本平台出具，内容与出具时一致，未被改动" in page.locator(".message.success").inner_text()
    facts = page.locator("dl.facts").inner_text()
    assert report.code in facts and enterprise.name in facts
    assert page.locator(".qr svg").count() == 1
    screen(page, "6-verified")

    # The same closed plan, read in English.
    page.goto(live_server.url + plan.get_absolute_url())
    go(page, ".lang-switch")
    screen(page, "7-plan-closed-en")
    assert page.locator("#tasks-title").inner_text() == "Rectification tasks"
    # The built-in English navigation is longer than the Chinese: it wraps rather than scroll sideways.
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280
    # The history is the system's words in the visitor's language.
    history = page.locator(".rect-history").inner_text()
    assert f"Verification code {report.code}" in history and "Every task is completed." in history
    assert "Owner: " in history and "责任人" not in history and "验证码" not in history

    # The officer shares the plan with the district office; on a phone, its reader downloads the report.
    from accounts.services import membership_of
    from rectification import sharing

    share = sharing.create_share(
        plan,
        membership_of(officer),
        {"recipient_kind": "department", "recipient_name": "区营商办", "days": 7, "contact_point": None},
    )
    reader = page.context.browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740})
    phone = reader.new_page()
    phone.goto(live_server.url + share.get_absolute_url())
    assert phone.locator("h2", has_text="整改报告").count() == 1
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360
    phone.screenshot(path=SCREENS / "rectification-8-shared-phone.png", full_page=True)
    with phone.expect_download() as download:
        phone.click(".rect-report a:has-text('下载 PDF')")
    shared_pdf = Path(download.value.path()).read_bytes()
    assert report.code in "".join("".join(lines) for lines in pdf_pages(shared_pdf, tmp_path, "shared.pdf"))
    reader.close()
