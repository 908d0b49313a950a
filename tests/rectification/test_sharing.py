"""Sharing a plan with consent: read-only, revocable, logged; no other firm and no stale link gets in."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.services import membership_of
from rectification import services
from rectification.models import PlanEvent, Share, ShareAccess
from tests.library.factories import ContactPointFactory

from .test_plans import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(firm, report):
    plan = services.create_plan(firm[1], self_check=report)[0]
    task = plan.tasks.order_by("position").first()
    services.add_evidence(
        task, membership_of(firm[1]), SimpleUploadedFile("发票台账.pdf", PDF, content_type="application/pdf")
    )
    return plan


def share_url(plan):
    return reverse("rectification:share_create", args=[plan.pk])


def test_officer_shares_with_a_contact_point_by_consent_and_the_link_is_read_only(
    client, plan, firm, django_capture_on_commit_callbacks
):
    point = ContactPointFactory(email="lianxidian@example.com")
    client.force_login(firm[1])
    data = {"recipient_kind": "contact_point", "contact_point": point.pk, "days": 30}
    client.post(share_url(plan), data)
    assert not Share.objects.exists()  # no consent, no share
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(share_url(plan), data | {"consent": "on"})
    assert response.status_code == 302
    share = Share.objects.get()
    assert share.contact_point == point and share.created_by == firm[1] and share.is_active()
    assert PlanEvent.objects.filter(plan=plan, kind=PlanEvent.Kind.SHARED, actor=firm[1]).exists()
    assert (
        mail.outbox
        and mail.outbox[-1].to == ["lianxidian@example.com"]
        and share.token in mail.outbox[-1].body
    )

    client.logout()
    page = client.get(share.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "严禁虚开增值税专用发票" in html and "发票台账.pdf" in html
    evidence = plan.tasks.order_by("position").first().evidence.get()
    for firm_only in (
        reverse("rectification:evidence_upload", args=[evidence.task_id]),
        reverse("rectification:evidence", args=[evidence.pk]),
        reverse("rectification:share_revoke", args=[share.pk]),
        firm[1].email,
    ):
        assert firm_only not in html
    download = client.get(reverse("rectification:shared_evidence", args=[share.token, evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    reads = list(ShareAccess.objects.filter(share=share).order_by("accessed_at", "pk"))
    assert len(reads) == 2 and "发票台账.pdf" in reads[1].path

    client.force_login(firm[1])
    owner_page = client.get(plan.get_absolute_url()).content.decode()
    assert str(point) in owner_page and "2 次" in owner_page


def test_the_share_form_uses_the_sites_form_layout(client, plan, firm):
    client.force_login(firm[1])
    html = client.get(plan.get_absolute_url()).content.decode()
    form = html.split('id="share"', 1)[1].split("</form>", 1)[0]
    assert '<label for="id_days">有效天数' in form and 'class="help"' in form
    assert "有效天数:" not in form  # not Django's bare as_div markup
    assert '<div class="field checkbox">' in form


def test_a_department_share_needs_a_name_and_bad_days_are_refused(client, plan, firm):
    client.force_login(firm[1])
    client.post(share_url(plan), {"recipient_kind": "department", "days": 30, "consent": "on"})
    client.post(
        share_url(plan),
        {"recipient_kind": "department", "recipient_name": "区市场监管局", "days": 0, "consent": "on"},
    )
    client.post(
        share_url(plan), {"recipient_kind": "nobody", "recipient_name": "x", "days": 5, "consent": "on"}
    )
    assert not Share.objects.exists()
    client.post(
        share_url(plan),
        {"recipient_kind": "department", "recipient_name": "区市场监管局", "days": 5, "consent": "on"},
    )
    assert Share.objects.get().recipient_name == "区市场监管局"


def test_revoked_and_expired_links_show_nothing(client, plan, firm):
    client.force_login(firm[1])
    client.post(
        share_url(plan),
        {"recipient_kind": "department", "recipient_name": "区商务局", "days": 5, "consent": "on"},
    )
    share = Share.objects.get()
    evidence = plan.tasks.order_by("position").first().evidence.get()
    client.post(reverse("rectification:share_revoke", args=[share.pk]))
    share.refresh_from_db()
    assert share.revoked_at and PlanEvent.objects.filter(kind=PlanEvent.Kind.UNSHARED, actor=firm[1]).exists()
    client.logout()
    assert client.get(share.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("rectification:shared_evidence", args=[share.token, evidence.pk])).status_code
        == 404
    )
    Share.objects.filter(pk=share.pk).update(
        revoked_at=None, expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(share.get_absolute_url()).status_code == 404
    assert client.get(reverse("rectification:shared", args=["not-a-token"])).status_code == 404
    assert not ShareAccess.objects.exists()


def test_other_firms_and_staff_cannot_share_or_revoke_and_a_link_opens_only_its_plan(
    client, plan, firm, other_firm, check_page, items
):
    officer = firm[1]
    client.force_login(officer)
    client.post(
        share_url(plan),
        {"recipient_kind": "department", "recipient_name": "区商务局", "days": 5, "consent": "on"},
    )
    share = Share.objects.get()
    data = {"recipient_kind": "department", "recipient_name": "冒名", "days": 5, "consent": "on"}
    for outsider in (other_firm[1], firm[2][1]):  # another firm's officer; a member of staff without tasks
        client.force_login(outsider)
        assert client.post(share_url(plan), data).status_code == 404
        assert client.post(reverse("rectification:share_revoke", args=[share.pk])).status_code == 404
    assert Share.objects.count() == 1 and Share.objects.get().revoked_at is None

    # the other firm's own plan and evidence stay out of reach through this firm's link
    from .factories import run_self_check

    other_report = run_self_check(other_firm[2][0], check_page, {items["invoice"].pk: "no"})
    other_plan = services.create_plan(other_firm[1], self_check=other_report)[0]
    other_evidence = services.add_evidence(
        other_plan.tasks.first(),
        membership_of(other_firm[1]),
        SimpleUploadedFile("别家.pdf", PDF, content_type="application/pdf"),
    )
    client.logout()
    url = reverse("rectification:shared_evidence", args=[share.token, other_evidence.pk])
    assert client.get(url).status_code == 404


def test_the_shared_page_reads_in_a_bounded_number_of_queries(client, plan, firm):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .test_views import _grow

    client.force_login(firm[1])
    client.post(
        share_url(plan),
        {"recipient_kind": "department", "recipient_name": "区商务局", "days": 5, "consent": "on"},
    )
    share = Share.objects.get()
    client.logout()

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(share.get_absolute_url()).status_code == 200
        return len(context)

    _grow(plan, 8)
    queries()  # warm the per-process caches
    small = queries()
    _grow(plan, 490)
    assert plan.tasks.count() == 500
    assert queries() == small


def test_the_recipient_downloads_the_issued_report_and_nothing_of_another_plan(
    client, plan, firm, other_firm, check_page, items
):
    from rectification import reporting

    from .factories import run_self_check

    client.force_login(firm[1])
    client.post(
        share_url(plan),
        {"recipient_kind": "department", "recipient_name": "区商务局", "days": 5, "consent": "on"},
    )
    share = Share.objects.get()
    withdrawn = reporting.issue_report(plan, membership_of(firm[1]))
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save(update_fields=["withdrawn_at"])
    report = reporting.issue_report(plan, membership_of(firm[1]))
    other_plan = services.create_plan(
        other_firm[1], self_check=run_self_check(other_firm[2][0], check_page, {items["invoice"].pk: "no"})
    )[0]
    other_report = reporting.issue_report(other_plan, membership_of(other_firm[1]))
    client.logout()

    page = client.get(share.get_absolute_url()).content.decode()
    url = reverse("rectification:shared_report_pdf", args=[share.token, report.pk])
    assert url in page and report.get_absolute_url() in page
    assert reverse("rectification:shared_report_pdf", args=[share.token, withdrawn.pk]) not in page
    download = client.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF") and "filename*=" in download["Content-Disposition"]
    assert ShareAccess.objects.filter(share=share, path=f"整改报告：{report.code}").exists()

    for refused in (withdrawn.pk, other_report.pk, 999999):
        response = client.get(reverse("rectification:shared_report_pdf", args=[share.token, refused]))
        assert response.status_code == 404, refused
    share.revoked_at = timezone.now()
    share.save(update_fields=["revoked_at"])
    assert client.get(url).status_code == 404
