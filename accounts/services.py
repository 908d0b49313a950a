"""Enterprise membership rules, used by views, admin and tests alike."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.models import Enterprise, Invitation, Membership
from core.emails import absolute_url, send_email


def membership_of(user):
    if not user.is_authenticated:
        return None
    return Membership.objects.select_related("enterprise").filter(user=user).first()


@transaction.atomic
def create_enterprise(user, **fields):
    """Create an enterprise with ``user`` as its compliance officer."""
    if Membership.objects.filter(user=user).exists():
        raise ValidationError(_("您已属于一家企业,不能再创建企业。"))
    enterprise = Enterprise(**fields)
    enterprise.full_clean()
    enterprise.save()
    Membership.objects.create(user=user, enterprise=enterprise, role=Membership.Role.OFFICER)
    return enterprise


def invite(enterprise, email, invited_by):
    """Invite a colleague by email; returns the invitation."""
    email = email.strip().lower()
    if Membership.objects.filter(enterprise=enterprise, user__email__iexact=email).exists():
        raise ValidationError(_("该邮箱的用户已是本企业成员。"))
    pending = enterprise.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    )
    pending.update(revoked_at=timezone.now())
    invitation = Invitation.objects.create(enterprise=enterprise, email=email, invited_by=invited_by)
    send_invitation_email.enqueue(invitation.pk)
    return invitation


@task()
def send_invitation_email(invitation_pk):

    invitation = Invitation.objects.select_related("enterprise", "invited_by").get(pk=invitation_pk)
    # Always the public address, never the host the officer happened to use.
    link = absolute_url(reverse("invitation_accept", args=[invitation.token]))
    context = {"invitation": invitation, "link": link}
    send_email(
        subject=_("【合规学堂】%(name)s 邀请您加入企业账户") % {"name": invitation.enterprise.name},
        text=render_to_string("accounts/email/invitation.txt", context),
        recipients=[invitation.email],
    )


@transaction.atomic
def accept_invitation(token, user):
    """Join the invitation's enterprise. The link works once, for the invited address only."""
    invitation = (
        Invitation.objects.select_for_update().select_related("enterprise").filter(token=token).first()
    )
    if invitation is None or not invitation.is_usable:
        raise ValidationError(_("邀请链接无效、已使用或已过期,请联系企业合规专员重新邀请。"))
    if invitation.email.lower() != (user.email or "").lower():
        raise ValidationError(
            _("此邀请发给 %(email)s,请使用该邮箱登录后再打开链接。") % {"email": invitation.email}
        )
    if Membership.objects.filter(user=user).exists():
        raise ValidationError(_("您已属于一家企业。一个账户只能加入一家企业,请先退出原企业。"))
    membership = Membership.objects.create(
        user=user, enterprise=invitation.enterprise, role=Membership.Role.STAFF
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def remove_member(officer_membership, membership):
    if membership.enterprise_id != officer_membership.enterprise_id:
        raise ValidationError(_("该成员不属于您的企业。"))
    if membership.pk == officer_membership.pk:
        raise ValidationError(_("不能移除自己;如需退出,请使用“退出企业”。"))
    membership.delete()


@transaction.atomic
def hand_over(officer_membership, membership):
    """Make a colleague the firm's compliance officer; the former officer stays as staff."""
    if membership.enterprise_id != officer_membership.enterprise_id:
        raise ValidationError(_("该成员不属于您的企业。"))
    if membership.pk == officer_membership.pk:
        raise ValidationError(_("请选择另一位成员。"))
    membership.role = Membership.Role.OFFICER
    membership.save(update_fields=["role"])
    officer_membership.role = Membership.Role.STAFF
    officer_membership.save(update_fields=["role"])
    return membership


def leave_enterprise(membership):
    others = Membership.objects.filter(enterprise_id=membership.enterprise_id).exclude(pk=membership.pk)
    if membership.is_officer and not others.filter(role=Membership.Role.OFFICER).exists() and others.exists():
        raise ValidationError(_("您是本企业唯一的合规专员,请先移除其他成员或联系管理员转交。"))
    enterprise = membership.enterprise
    membership.delete()
    if not others.exists():
        enterprise.delete()
