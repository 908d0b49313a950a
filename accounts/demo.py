"""Demo people and firms: fictional Lucheng enterprises, their compliance officers and staff."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.models import Enterprise, Membership
from accounts.validators import credit_code_check_char

DEMO_PASSWORD = "demo-user-2026"

# Fictional Lucheng firms; the check character is computed so the codes are valid.
DEMO_ENTERPRISES = [
    {
        "name": "温州鹿城明履鞋业有限公司",
        "code17": "91330302MA2H5RXP3",
        "size": "small",
        "address": "浙江省温州市鹿城区双屿街道鞋都大道88号",
        "industry_code": "footwear",
        "people": [
            ("zhang.officer@demo.example", "张晓东", Membership.Role.OFFICER),
            ("li.staff@demo.example", "李婷", Membership.Role.STAFF),
            ("wang.staff@demo.example", "王建国", Membership.Role.STAFF),
        ],
    },
    {
        "name": "温州瓯江数智软件有限公司",
        "code17": "91330302MA2AB7KX1",
        "size": "micro",
        "address": "浙江省温州市鹿城区南汇街道科技园2幢5楼",
        "industry_code": "software",
        "people": [
            ("chen.officer@demo.example", "陈思远", Membership.Role.OFFICER),
            ("zhou.staff@demo.example", "周敏", Membership.Role.STAFF),
        ],
    },
]


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
    for spec in DEMO_ENTERPRISES:
        code = spec["code17"] + credit_code_check_char(spec["code17"])
        enterprise, _created = Enterprise.objects.get_or_create(
            credit_code=code,
            defaults={"name": spec["name"], "size": spec["size"], "address": spec["address"]},
        )
        for email, name, role in spec["people"]:
            user = ensure_user(email, name)
            Membership.objects.get_or_create(user=user, defaults={"enterprise": enterprise, "role": role})
    stdout.write(f"  演示用户密码 / demo users' password: {DEMO_PASSWORD} (e.g. zhang.officer@demo.example)")
