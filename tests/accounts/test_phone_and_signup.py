"""Phone numbers in one stored form; the consent sentence links the policy; an invitation leads to sign-up."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from accounts.models import Invitation, Profile
from accounts.validators import normalize_phone
from tests.conftest import make_user
from tests.rectification.factories import make_firm


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("13800138000", "13800138000"),
        ("１３８ ００１３ ８０００", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("+86-138-0013-8000", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("(0577) 8888-6666", "057788886666"),
        ("+852 2123 4567", "+85221234567"),
    ],
)
def test_phone_numbers_are_stored_normalised(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.django_db
def test_the_profile_form_accepts_full_width_digits_and_refuses_letters(client, user):
    client.force_login(user)
    client.post(reverse("profile_edit"), {"real_name": "张三", "phone": "+86 １３８-0013-8000"})
    assert Profile.objects.get(user=user).phone == "13800138000"
    response = client.post(reverse("profile_edit"), {"real_name": "张三", "phone": "138abc"})
    assert response.status_code == 200 and "请输入有效的电话号码" in response.content.decode()
    assert Profile.objects.get(user=user).phone == "13800138000"


@pytest.mark.django_db
def test_the_data_migration_normalises_existing_rows(user):
    Profile.objects.filter(user=user).update(phone="+86 138-0013-8000")
    migration = importlib.import_module("accounts.migrations.0004_normalise_phones")
    migration.normalise(django_apps, None)
    assert Profile.objects.get(user=user).phone == "13800138000"


@pytest.mark.django_db
def test_the_consent_sentence_links_the_privacy_policy(client, home):
    page = client.get(reverse("account_signup")).content.decode()
    assert '<a href="/privacy/"' in page and "《隐私政策》" in page


@pytest.mark.django_db
def test_an_invited_person_lands_on_sign_up_with_the_email_filled_in(client, home):
    enterprise, officer, _staff = make_firm()
    invitation = Invitation.objects.create(
        enterprise=enterprise, email="newbie@example.com", invited_by=officer
    )
    response = client.get(reverse("invitation_accept", args=[invitation.token]), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("account_signup"))
    assert 'value="newbie@example.com"' in page

    # Someone who already has an account signs in instead, and comes back to accept.
    make_user("known@example.com")
    known = Invitation.objects.create(enterprise=enterprise, email="known@example.com", invited_by=officer)
    response = client.get(reverse("invitation_accept", args=[known.token]))
    assert response.url.startswith(reverse("account_login")) and "next=" in response.url
