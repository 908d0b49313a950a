"""A newcomer signs up, verifies the address, signs in and registers their enterprise."""

import re

import pytest
from django.core import mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_verify_and_register_an_enterprise(page, live_server, home, mailoutbox):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.click("text=注册")
    page.fill("input[name=email]", "newcomer@example.com")
    page.fill("input[name=password1]", "Str0ng-pass-2026")
    page.fill("input[name=password2]", "Str0ng-pass-2026")
    page.fill("input[name=real_name]", "赵新")
    page.click("form button[type=submit]")
    assert "隐私政策" in page.content()  # consent is required
    page.fill("input[name=password1]", "Str0ng-pass-2026")
    page.fill("input[name=password2]", "Str0ng-pass-2026")
    page.check("input[name=privacy_consent]")
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")

    link = re.search(r"http://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + "/" + link.split("/", 3)[3])
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")

    page.goto(live_server.url + "/me/")
    if "/accounts/login/" in page.url:
        page.fill("input[name=login]", "newcomer@example.com")
        page.fill("input[name=password]", "Str0ng-pass-2026")
        page.click("form button[type=submit]")
        page.wait_for_load_state("networkidle")
    assert "我的学习与服务" in page.content()

    page.click("text=登记企业")
    page.fill("input[name=name]", "温州明履鞋业有限公司")
    page.fill("input[name=credit_code]", "91110108551385081Q")  # a typo in the code
    page.select_option("select[name=size]", "small")
    page.click("main form button.button")
    assert "校验位不正确" in page.content()
    page.fill("input[name=credit_code]", "91110108551385082Q")
    page.click("main form button.button")
    page.wait_for_load_state("networkidle")
    assert "企业已创建" in page.content()
    assert "91110108551385082Q" in page.content()
