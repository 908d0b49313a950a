"""Sharing a plan with consent: read-only links for a contact point, a department or an evaluator;
revocable, and every share, revocation and read is logged."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.emails import send_email

from .access import can_manage
from .models import PlanEvent, Share, ShareAccess


def create_share(plan, membership, cleaned, build_url=None):
    """A read-only link to ``plan`` for the recipient in ``cleaned`` (a valid ShareForm's data)."""
    if not can_manage(plan, membership):
        raise PermissionDenied(_("只有合规专员或计划创建人可以共享整改计划。"))
    contact_point = (
        cleaned.get("contact_point")
        if cleaned["recipient_kind"] == Share.RecipientKind.CONTACT_POINT
        else None
    )
    name = str(contact_point) if contact_point else cleaned["recipient_name"].strip()
    email = cleaned.get("recipient_email") or (contact_point.email if contact_point else "")
    with transaction.atomic():
        share = Share.objects.create(
            plan=plan,
            recipient_kind=cleaned["recipient_kind"],
            contact_point=contact_point,
            recipient_name=name,
            recipient_email=email,
            created_by=membership.user,
            expires_at=timezone.now() + timedelta(days=cleaned["days"]),
        )
        PlanEvent.objects.create(
            plan=plan,
            actor=membership.user,
            kind=PlanEvent.Kind.SHARED,
            message="shared",
            params={
                "name": name,
                "kind": share.recipient_kind,
                "until": timezone.localtime(share.expires_at).date().isoformat(),
            },
        )
    if email and build_url is not None:
        url = build_url(share.get_absolute_url())
        transaction.on_commit(
            lambda: send_email(
                _("%(firm)s 向您共享了整改计划") % {"firm": plan.enterprise.name},
                _("%(firm)s 同意以只读方式向您共享整改计划“%(plan)s”，链接有效期至 %(until)s:\n%(url)s")
                % {
                    "firm": plan.enterprise.name,
                    "plan": plan.title,
                    "until": timezone.localtime(share.expires_at).strftime("%Y-%m-%d"),
                    "url": url,
                },
                [email],
            )
        )
    return share


def revoke_share(share, membership):
    if not can_manage(share.plan, membership):
        raise PermissionDenied(_("只有合规专员或计划创建人可以撤销共享。"))
    if share.revoked_at is not None:
        return share
    share.revoked_at = timezone.now()
    with transaction.atomic():
        share.save(update_fields=["revoked_at"])
        PlanEvent.objects.create(
            plan=share.plan,
            actor=membership.user,
            kind=PlanEvent.Kind.UNSHARED,
            message="unshared",
            params={"name": share.recipient_name},
        )
    return share


def active_share(token):
    """The share behind ``token`` if it is neither revoked nor expired; None otherwise."""
    share = Share.objects.select_related("plan__enterprise", "plan__industry").filter(token=token).first()
    if share is None or not share.is_active():
        return None
    return share


def log_access(share, request, what):
    ShareAccess.objects.create(
        share=share, path=what[:255], ip_address=request.META.get("REMOTE_ADDR") or None
    )
