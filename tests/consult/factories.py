"""Builders for the consultation desk's tests."""

import datetime as dt
import io
import zipfile

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Enterprise, Membership
from accounts.validators import credit_code_check_char
from consult import services
from consult.models import Department
from consult.working_time import SHANGHAI
from library.models import Industry, RiskArea
from tests.conftest import make_user

_counter = {"n": 0}


def _next():
    _counter["n"] += 1
    return _counter["n"]


def at(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def make_department(name=None, slug=None, intake=False):
    n = _next()
    name = name or f"部门{n}"
    group = Group.objects.create(name=f"咨询受理 · {name} {n}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return Department.objects.create(name=name, slug=slug or f"dept-{n}", group=group, is_intake=intake)


def make_staff(department, email=None, real_name="部门人员"):
    n = _next()
    user = make_user(email or f"staff{n}@gov.example", real_name=real_name)
    user.groups.add(department.group)
    return user


def make_enterprise(name=None):
    n = _next()
    code17 = f"91330302MA2H{n:05d}"
    return Enterprise.objects.create(
        name=name or f"测试企业{n}", credit_code=code17 + credit_code_check_char(code17), size="small"
    )


def make_member(enterprise, role=Membership.Role.STAFF, email=None, real_name="企业员工"):
    n = _next()
    user = make_user(email or f"member{n}@firm.example", real_name=real_name)
    Membership.objects.create(user=user, enterprise=enterprise, role=role)
    return user


def make_taxonomy():
    industry, _ = Industry.objects.get_or_create(code="footwear", defaults={"name": "鞋革"})
    area, _ = RiskArea.objects.get_or_create(code="labour", defaults={"name": "劳动用工"})
    return industry, area


def submit(asker, now=None, title="试用期辞退是否需要补偿?", **kwargs):
    kwargs.setdefault("description", "员工试用期表现不佳,公司想解除合同,需要注意什么?")
    return services.submit(asker, title=title, now=now, **kwargs)


# --- files -----------------------------------------------------------------------------


def pdf_file(name="合同.pdf", size=None):
    content = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if size:
        content = content + b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_file(name="现场照片.png"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def docx_file(name="整改方案.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def make_site():
    """A site rooted at a home page, for transactional (browser) tests.

    An earlier transactional test's flush removes the page tree's root, which Wagtail's
    migrations created, so it is recreated here when missing.
    """
    from wagtail.models import Locale, Page, Site

    from portal.models import HomePage

    root = Page.get_first_root_node()
    if root is None:
        locale, _created = Locale.objects.get_or_create(language_code="zh-hans")
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = root.add_child(instance=HomePage(title="合规学堂", slug="home-consult"))
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="合规学堂"
    )
    return home
