"""Sign-up → verify → sign-in → enterprise → invitation → colleague joins, and the rules around it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from accounts.models import Enterprise, Invitation, Membership
from tests.conftest import make_user

VALID_CODE = "91110108551385082Q"
OTHER_CODE = "914403001922038216"


def sign_up(client, email, consent=True, name="张三"):
    data = {
        "email": email,
        "password1": "Str0ng-pass-2026",
        "password2": "Str0ng-pass-2026",
        "real_name": name,
    }
    if consent:
        data["privacy_consent"] = "on"
    return client.post(reverse("account_signup"), data)


def confirm_from_last_email(client):
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]
    return client.post(path)


def create_enterprise(client, code=VALID_CODE, name="温州明履鞋业有限公司"):
    return client.post(
        reverse("enterprise_create"),
        {"name": name, "credit_code": code, "size": "small", "address": "鹿城区"},
    )


@pytest.mark.django_db
def test_full_journey_sign_up_to_colleague_joining(client, home):
    response = sign_up(client, "officer@example.com")
    assert response.status_code == 302
    assert "confirm-email" in mail.outbox[-1].body
    # Unverified users cannot sign in yet.
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "officer@example.com", "password": "Str0ng-pass-2026"}
    )
    assert not response.wsgi_request.user.is_authenticated
    confirm_from_last_email(client)
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "officer@example.com", "password": "Str0ng-pass-2026"}
    )
    assert response.status_code == 302
    officer = get_user_model().objects.get(email="officer@example.com")
    assert officer.profile.real_name == "张三"
    assert officer.profile.privacy_consented_at is not None

    assert create_enterprise(client).status_code == 302
    membership = Membership.objects.get(user=officer)
    assert membership.is_officer and membership.enterprise.credit_code == VALID_CODE

    client.post(reverse("enterprise_invite"), {"email": "colleague@example.com"})
    invitation = Invitation.objects.get(email="colleague@example.com")
    assert invitation.token in mail.outbox[-1].body
    client.logout()

    sign_up(client, "colleague@example.com", name="李四")
    confirm_from_last_email(client)
    colleague = get_user_model().objects.get(email="colleague@example.com")
    client.force_login(colleague)
    accept_url = reverse("invitation_accept", args=[invitation.token])
    assert "加入" in client.get(accept_url).content.decode()
    client.post(accept_url)
    assert Membership.objects.get(user=colleague).enterprise == membership.enterprise

    # The link works once.
    third = make_user("third@example.com")
    Invitation.objects.filter(pk=invitation.pk).update(email="third@example.com")
    client.force_login(third)
    client.post(accept_url)
    assert not Membership.objects.filter(user=third).exists()

    # The officer sees the colleague among the members.
    client.force_login(officer)
    page = client.get(reverse("enterprise_detail")).content.decode()
    assert "colleague@example.com" in page


@pytest.mark.django_db
def test_sign_up_without_privacy_consent_is_refused(client, home):
    response = sign_up(client, "noconsent@example.com", consent=False)
    assert response.status_code == 200
    assert "隐私政策" in response.content.decode()
    assert not get_user_model().objects.filter(email="noconsent@example.com").exists()


@pytest.mark.django_db
def test_second_enterprise_with_the_same_code_is_refused(client, home):
    first = make_user("a@example.com")
    second = make_user("b@example.com")
    client.force_login(first)
    create_enterprise(client)
    client.force_login(second)
    response = create_enterprise(client, code=VALID_CODE.lower(), name="另一家公司")
    assert response.status_code == 400
    assert "已被其他企业注册" in response.content.decode()
    assert Enterprise.objects.count() == 1
    assert not Membership.objects.filter(user=second).exists()


@pytest.mark.django_db
def test_invalid_credit_code_gets_a_clear_message(client, home):
    client.force_login(make_user("a@example.com"))
    response = create_enterprise(client, code="91110108551385082A")
    assert "校验位不正确" in response.content.decode()
    assert Enterprise.objects.count() == 0


@pytest.mark.django_db
def test_a_member_cannot_see_or_change_another_enterprises_members(client, home):
    a_officer, b_officer = make_user("a@example.com"), make_user("b@example.com")
    b_staff = make_user("bstaff@example.com")
    client.force_login(a_officer)
    create_enterprise(client, VALID_CODE, "甲公司")
    client.force_login(b_officer)
    create_enterprise(client, OTHER_CODE, "乙公司")
    b_enterprise = Enterprise.objects.get(name="乙公司")
    staff_membership = Membership.objects.create(user=b_staff, enterprise=b_enterprise)

    client.force_login(a_officer)
    page = client.get(reverse("enterprise_detail")).content.decode()
    assert "乙公司" not in page and "bstaff@example.com" not in page
    response = client.post(reverse("member_remove", args=[staff_membership.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=staff_membership.pk).exists()

    # Staff (not officers) see no member list and cannot invite.
    client.force_login(b_staff)
    page = client.get(reverse("enterprise_detail")).content.decode()
    assert "b@example.com" not in page
    client.post(reverse("enterprise_invite"), {"email": "x@example.com"})
    assert not Invitation.objects.filter(email="x@example.com").exists()


@pytest.mark.django_db
def test_invitation_for_another_address_or_user_already_in_an_enterprise(client, home):
    officer = make_user("a@example.com")
    client.force_login(officer)
    create_enterprise(client)
    client.post(reverse("enterprise_invite"), {"email": "invited@example.com"})
    invitation = Invitation.objects.get()
    stranger = make_user("stranger@example.com")
    client.force_login(stranger)
    client.post(reverse("invitation_accept", args=[invitation.token]))
    assert not Membership.objects.filter(user=stranger).exists()
    # Unknown tokens get a clear page, not an error.
    response = client.get(reverse("invitation_accept", args=["nonsense"]))
    assert response.status_code == 200 and "邀请不可用" in response.content.decode()


@pytest.mark.django_db
def test_me_requires_sign_in(client, home):
    response = client.get("/me/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_export_my_data_and_delete_account(client, home, user):
    client.force_login(user)
    response = client.get(reverse("export_my_data"))
    assert response.status_code == 200
    data = response.json()
    assert data["account"]["email"] == user.email
    assert data["profile"]["real_name"] == "测试用户"

    response = client.post(reverse("delete_account"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400 and "密码不正确" in response.content.decode()
    assert get_user_model().objects.get(pk=user.pk).is_active
    response = client.post(reverse("delete_account"), {"password": "pass-1234-word", "confirm": "on"})
    assert response.status_code == 302
    # The row stays as a disabled, anonymous placeholder (tests/accounts/test_erasure.py).
    assert not get_user_model().objects.filter(email=user.email).exists()


@pytest.mark.django_db
def test_failed_log_ins_are_rate_limited(client, home, user):
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
        assert "登录失败次数过多" not in response.content.decode()
    # Past the limit even the right password is refused, with a clear message.
    response = client.post(reverse("account_login"), {"login": user.email, "password": "pass-1234-word"})
    assert not response.wsgi_request.user.is_authenticated
    assert "登录失败次数过多" in response.content.decode()


@pytest.mark.django_db
def test_password_reset_by_email(client, home, user):
    client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+/", mail.outbox[-1].body).group(0)
    response = client.get("/" + link.split("/", 3)[3], follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else "/" + link.split("/", 3)[3]
    client.post(form_url, {"password1": "N3w-pass-2026!", "password2": "N3w-pass-2026!"})
    user.refresh_from_db()
    assert user.check_password("N3w-pass-2026!")
    # Unknown addresses learn nothing and change nothing.
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert response.status_code == 302


@pytest.mark.django_db
@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_rate_limit_keys_on_the_real_client(client, home, user, other_user):
    """Five failures from one client lock that client and that account, not everybody."""

    def log_in(email, password, client_ip):
        return client.post(
            reverse("account_login"),
            {"login": email, "password": password},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=f"{client_ip}",
        )

    for _ in range(5):
        log_in(user.email, "wrong", "203.0.113.7")
    assert "登录失败次数过多" in log_in(other_user.email, "wrong", "203.0.113.7").content.decode()
    # Another visitor behind the same proxy signs in to another account as usual …
    response = log_in(other_user.email, "pass-1234-word", "198.51.100.20")
    assert response.status_code == 302 and response.wsgi_request.user == other_user
    client.logout()
    # … while the attacked account stays locked from anywhere.
    response = log_in(user.email, "pass-1234-word", "198.51.100.21")
    assert "登录失败次数过多" in response.content.decode()
