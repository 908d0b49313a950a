"""Emails: the site's name in the subject and sender, an HTML part beside the text, links on SITE_URL."""

import re

import pytest
from django.core import mail

from core.emails import absolute_url, send_email, with_site_name

pytestmark = pytest.mark.django_db


def test_an_email_has_the_sites_name_a_text_and_an_html_part(settings):
    settings.SITE_URL = "https://academy.example"
    assert send_email("您的咨询已答复", "请查看:https://academy.example/consult/1/", ["a@example.com"]) == 1
    [message] = mail.outbox
    assert message.subject == "【合规学堂】您的咨询已答复"
    assert "合规学堂" in message.from_email
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<a href="https://academy.example/consult/1/"' in html and "合规学堂" in html


def test_the_site_name_is_never_doubled():
    assert with_site_name("【合规学堂】报名成功:沙龙") == "【合规学堂】报名成功:沙龙"


def test_links_use_the_public_address_whatever_host_a_page_url_names(settings):
    settings.SITE_URL = "https://academy.example/"
    assert absolute_url("http://localhost:8201/events/salon/") == "https://academy.example/events/salon/"
    assert absolute_url("/events/salon/calendar.ics") == "https://academy.example/events/salon/calendar.ics"


def test_sign_up_email_greets_in_the_sites_name_with_an_html_part(client, home, settings):
    settings.SITE_URL = "https://academy.example"
    client.post(
        "/accounts/signup/",
        {
            "email": "newcomer@example.com",
            "password1": "Str0ng-pass-2026",
            "password2": "Str0ng-pass-2026",
            "real_name": "赵新",
            "privacy_consent": "on",
        },
    )
    [message] = mail.outbox
    assert message.subject.startswith("【合规学堂】") and message.subject.count("合规学堂") == 1
    assert "您好" in message.body and "Hello from" not in message.body
    assert "127.0.0.1" not in message.body.split("http")[0]
    html, _mimetype = message.alternatives[0]
    # The link is on the public address, not the host the form was posted to.
    assert re.search(r'<a href="https://academy.example/accounts/confirm-email/[^"]+"', html)
    assert "testserver" not in message.body and "testserver" not in html
