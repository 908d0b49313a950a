"""A printable certificate: issuer and seal from site settings, 学时, Chinese dates, a QR code on SITE_URL."""

import shutil
import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import wagtail_factories
from wagtail.models import Site

from courses import certificates
from portal.models import CertificateSettings
from tests.courses.test_certificates import make_certificate, pass_quiz, watch_everything

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def issuer(home):
    seal = wagtail_factories.ImageFactory(
        title="印章", file__width=200, file__height=200, file__color="red", file__format="PNG"
    )
    config = CertificateSettings.for_site(Site.objects.get(is_default_site=True))
    config.issuer = "温州市鹿城区人民检察院"
    config.seal = seal
    config.save()
    return config


def pdf_text(data, tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True)
    return text.stdout.decode(), images.stdout.decode().strip().splitlines()[2:]


def test_issued_certificate_carries_issuer_hours_and_chinese_dates(
    learner_client, course, enrolled, issuer, settings, tmp_path
):
    settings.SITE_URL = "https://peixun.example.cn"
    course.credit_hours = "2.0"
    course.certificate_validity_months = 12
    course.save()
    watch_everything(enrolled, course)
    pass_quiz(enrolled, course)
    certificate = certificates.current_certificate(enrolled, course)
    assert certificate.issuer_name == "温州市鹿城区人民检察院"  # frozen when issued
    # Downloaded through a request on another host: the link and QR still use SITE_URL.
    response = learner_client.get(course.url + "certificate/", HTTP_HOST="localhost")
    assert response.status_code == 200
    text, images = pdf_text(response.content, tmp_path)
    issued = certificate.issued_at.astimezone(SHANGHAI)
    assert f"{issued.year}年{issued.month}月{issued.day}日" in text
    assert "发证单位：温州市鹿城区人民检察院" in text
    assert "2 学时" in text and "累计学时 2 小时" in text
    assert f"https://peixun.example.cn/certificates/{certificate.code}/" in text
    assert "localhost" not in text and "testserver" not in text
    assert len(images) == 2  # the seal and the QR code
    # A later change of the setting does not rewrite an issued certificate.
    issuer.issuer = "另一家单位"
    issuer.save()
    certificate.refresh_from_db()
    assert certificate.issuer_display == "温州市鹿城区人民检察院"


def test_without_a_seal_or_issuer_the_platform_issues(course, enrolled, home, tmp_path, settings):
    settings.SITE_URL = "https://academy.example"
    certificate = make_certificate(
        enrolled, course, issued_at=datetime(2026, 12, 2, 9, 30, tzinfo=SHANGHAI), training_hours="0.5"
    )
    text, images = pdf_text(certificates.render_pdf(certificate).render(), tmp_path)
    assert "发证单位：合规学堂" in text and "2026年12月2日" in text and "0.5 学时" in text
    assert "长期有效" in text
    assert len(images) == 1  # only the QR code


def test_verification_page_shows_the_same_facts(client, course, enrolled, issuer):
    certificate = make_certificate(
        enrolled,
        course,
        issuer_name="温州市鹿城区人民检察院",
        issued_at=datetime(2026, 12, 2, 23, 30, tzinfo=SHANGHAI),
        expires_at=datetime(2027, 12, 2, 23, 30, tzinfo=SHANGHAI),
        training_hours="1.5",
    )
    page = client.get(f"/certificates/{certificate.code}/").content.decode()
    for fact in ("温州市鹿城区人民检察院", "2026年12月2日", "2027年12月2日", "1.5", "张*东", course.title):
        assert fact in page
    assert "张晓东" not in page
