"""Demo people and firms (``enterprises.yaml``): fictional Lucheng enterprises, their officers and staff."""

from functools import cache

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from accounts.models import Enterprise, Membership
from accounts.validators import credit_code_check_char
from core import demodata

DEMO_PASSWORD = "demo-user-2026"


def enterprises():
    """The demo firms as data, each with its full credit code."""
    specs = demodata.read(__file__, "enterprises")
    for spec in specs:
        spec["credit_code"] = spec["code17"] + credit_code_check_char(spec["code17"])
    return specs


@cache
def _hashed(password):
    # The demo's people share one published password: hashing it once per load, not once per
    # person, saves about 0.4 s of PBKDF2 for each of the 42 (a shared salt reveals nothing here).
    return make_password(password)


def ensure_user(email, real_name, password=DEMO_PASSWORD):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(
            username=email.split("@")[0],
            email=User.objects.normalize_email(email),
            password=_hashed(password),
        )
        user.save()
    user.profile.real_name = real_name
    user.profile.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load(stdout):
    for spec in enterprises():
        enterprise, _created = Enterprise.objects.get_or_create(
            credit_code=spec["credit_code"],
            defaults={"name": spec["name"], "size": spec["size"], "address": spec["address"]},
        )
        for person in spec["people"]:
            user = ensure_user(person["email"], person["name"])
            Membership.objects.get_or_create(
                user=user, defaults={"enterprise": enterprise, "role": Membership.Role(person["role"])}
            )
    stdout.write(f"  演示用户密码 / demo users' password: {DEMO_PASSWORD} (e.g. zhang.officer@demo.example)")
