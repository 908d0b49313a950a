"""Someone whose firm is already registered asks its officer to join; the officer decides once."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.erasure import erase_account
from accounts.models import Enterprise, JoinRequest, Membership
from tests.conftest import make_user

from .test_accounts import OTHER_CODE, VALID_CODE, create_enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm(client):
    officer = make_user("officer@firm.example", real_name="张晓东")
    client.force_login(officer)
    create_enterprise(client, VALID_CODE)
    client.logout()
    return Enterprise.objects.get(credit_code=VALID_CODE)


def ask(client, code=VALID_CODE, message="生产部 安全员"):
    return client.post(reverse("enterprise_join"), {"join-credit_code": code, "join-message": message})


def test_a_taken_credit_code_offers_to_ask_the_officer(client, firm):
    client.force_login(make_user("li@firm.example", real_name="李婷"))
    response = create_enterprise(client, VALID_CODE.lower(), name="明履鞋业")
    page = response.content.decode()
    assert response.status_code == 400
    assert "已被其他企业注册" in page and "申请加入" in page
    assert f'value="{VALID_CODE}"' in page  # the join form is filled in with the code typed


def test_ask_approve_and_join_as_staff(client, firm):
    asker = make_user("li@firm.example", real_name="李婷")
    client.force_login(asker)
    mail.outbox.clear()
    response = ask(client, code=VALID_CODE.lower())
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["officer@firm.example"]]
    assert "李婷" in mail.outbox[0].subject and "生产部 安全员" in mail.outbox[0].body
    assert "撤回申请" in client.get(reverse("enterprise_create")).content.decode()
    # A second click changes nothing.
    assert ask(client).status_code == 400
    assert JoinRequest.objects.filter(user=asker).count() == 1

    client.force_login(firm.memberships.get().user)
    page = client.get(reverse("enterprise_detail")).content.decode()
    assert "待审核的加入申请" in page and "li@firm.example" in page
    join_request = JoinRequest.objects.get()
    client.post(reverse("join_request_decide", args=[join_request.pk, "approve"]))
    membership = Membership.objects.get(user=asker)
    assert membership.enterprise == firm and membership.role == Membership.Role.STAFF
    assert mail.outbox[-1].to == ["li@firm.example"] and "您已加入企业" in mail.outbox[-1].subject
    # Decided once: a replay neither adds a member nor sends again.
    sent = len(mail.outbox)
    client.post(reverse("join_request_decide", args=[join_request.pk, "decline"]))
    join_request.refresh_from_db()
    assert join_request.approved is True and len(mail.outbox) == sent


def test_decline_and_withdraw(client, firm):
    asker = make_user("li@firm.example")
    client.force_login(asker)
    ask(client)
    client.post(reverse("enterprise_join_withdraw"))
    assert not JoinRequest.objects.exists()
    ask(client)
    client.force_login(firm.memberships.get().user)
    client.post(reverse("join_request_decide", args=[JoinRequest.objects.get().pk, "decline"]))
    assert not Membership.objects.filter(user=asker).exists()
    assert "未通过" in mail.outbox[-1].subject
    client.force_login(asker)
    assert ask(client).status_code == 302  # declined: may ask again


def test_only_this_firms_officer_decides(client, firm):
    asker = make_user("li@firm.example")
    join_request = services.request_to_join(asker, VALID_CODE)
    staff = make_user("wang@firm.example")
    Membership.objects.create(user=staff, enterprise=firm, role=Membership.Role.STAFF)
    other_officer = make_user("chen@other.example")
    client.force_login(other_officer)
    create_enterprise(client, OTHER_CODE, name="瓯江软件")
    for person in (staff, other_officer):
        client.force_login(person)
        client.post(reverse("join_request_decide", args=[join_request.pk, "approve"]))
    assert not Membership.objects.filter(user=asker).exists()
    assert "li@firm.example" not in client.get(reverse("enterprise_detail")).content.decode()
    assert client.post(reverse("join_request_decide", args=[join_request.pk, "x"])).status_code == 404


@pytest.mark.parametrize(
    "code, message",
    [("", "必需字段"), ("123", "统一社会信用代码"), (OTHER_CODE, "没有以该统一社会信用代码登记的企业")],
)
def test_bad_codes_are_refused_with_a_reason(client, firm, code, message):
    client.force_login(make_user("li@firm.example"))
    response = ask(client, code=code)
    assert response.status_code == 400 and not JoinRequest.objects.exists()
    assert message in response.content.decode()


def test_members_cannot_ask_and_erasure_removes_requests(client, firm):
    client.force_login(firm.memberships.get().user)
    assert ask(client).status_code == 302 and not JoinRequest.objects.exists()  # already a member
    asker = make_user("li@firm.example")
    client.force_login(asker)
    ask(client, message="我的留言")
    data = json.loads(client.get(reverse("export_my_data")).content)
    assert data["join_requests"][0]["message"] == "我的留言"
    erase_account(asker)
    assert not JoinRequest.objects.exists()
