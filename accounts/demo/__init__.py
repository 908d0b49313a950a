"""Demo people and firms (``enterprises.yaml``): fictional Lucheng enterprises, their officers and staff."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

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


def ensure_user(email, real_name, password=DEMO_PASSWORD):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(username=email.split("@")[0], email=email, password=password)
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
