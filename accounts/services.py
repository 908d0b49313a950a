"""Enterprise membership rules, used by views, admin and tests alike."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.models import Enterprise, Invitation, JoinRequest, Membership, display_name
from accounts.validators import normalize_credit_code
from core.emails import absolute_url, send_email
from core.notifications import notification_key, send_once


def membership_of(user):
    if not user.is_authenticated:
        return None
    return Membership.objects.select_related("enterprise").filter(user=user).first()


@transaction.atomic
def create_enterprise(user, **fields):
    """Create an enterprise with ``user`` as its compliance officer."""
    if Membership.objects.filter(user=user).exists():
        raise ValidationError(_("您已属于一家企业，不能再创建企业。"))
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
        raise ValidationError(_("邀请链接无效、已使用或已过期，请联系企业合规专员重新邀请。"))
    if invitation.email.lower() != (user.email or "").lower():
        raise ValidationError(
            _("此邀请发给 %(email)s，请使用该邮箱登录后再打开链接。") % {"email": invitation.email}
        )
    if Membership.objects.filter(user=user).exists():
        raise ValidationError(_("您已属于一家企业。一个账户只能加入一家企业，请先退出原企业。"))
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
        raise ValidationError(_("不能移除自己；如需退出，请使用“退出企业”。"))
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
        raise ValidationError(_("您是本企业唯一的合规专员，请先移除其他成员或联系管理员转交。"))
    enterprise = membership.enterprise
    membership.delete()
    if not others.exists():
        enterprise.delete()


# --- asking to join a registered firm ---------------------------------------------------------


def open_join_request(user):
    return JoinRequest.objects.select_related("enterprise").filter(user=user, decided_at__isnull=True).first()


def request_to_join(user, credit_code, message=""):
    """Ask the officer of the firm registered under ``credit_code`` to let ``user`` join as staff."""
    if Membership.objects.filter(user=user).exists():
        raise ValidationError(_("您已属于一家企业。一个账户只能加入一家企业，请先退出原企业。"))
    enterprise = Enterprise.objects.filter(credit_code=normalize_credit_code(credit_code or "")).first()
    if enterprise is None:
        raise ValidationError(_("没有以该统一社会信用代码登记的企业，您可以直接登记企业。"))
    if not enterprise.memberships.filter(role=Membership.Role.OFFICER).exists():
        raise ValidationError(_("该企业目前没有合规专员，无法审核申请。请联系平台管理员。"))
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(enterprise=enterprise, user=user, message=message[:200])
    except IntegrityError:
        raise ValidationError(_("您已有一份待处理的加入申请，请等待合规专员审核或先撤回。")) from None
    send_join_request_email.enqueue(join_request.pk)
    return join_request


def withdraw_join_request(user):
    return JoinRequest.objects.filter(user=user, decided_at__isnull=True).delete()[0]


@transaction.atomic
def decide_join_request(officer_membership, pk, approve):
    """The officer lets the person in (as staff) or declines; a request is decided once."""
    join_request = (
        JoinRequest.objects.select_for_update()
        .filter(pk=pk, enterprise_id=officer_membership.enterprise_id, decided_at__isnull=True)
        .first()
    )
    if join_request is None or not officer_membership.is_officer:
        raise ValidationError(_("该申请不存在或已处理。"))
    if approve:
        if Membership.objects.filter(user_id=join_request.user_id).exists():
            raise ValidationError(_("申请人已加入其他企业。"))
        Membership.objects.create(
            user_id=join_request.user_id, enterprise_id=join_request.enterprise_id, role=Membership.Role.STAFF
        )
    join_request.approved = approve
    join_request.decided_at = timezone.now()
    join_request.decided_by = officer_membership.user
    join_request.save(update_fields=["approved", "decided_at", "decided_by"])
    send_join_decision_email.enqueue(join_request.pk)
    return join_request


@task()
def send_join_request_email(join_request_pk):
    """Tell the firm's officers that someone asks to join; sent once however often the job runs."""
    join_request = (
        JoinRequest.objects.select_related("enterprise", "user__profile").filter(pk=join_request_pk).first()
    )
    if join_request is None or not join_request.is_open:
        return 0
    officers = join_request.enterprise.memberships.filter(role=Membership.Role.OFFICER).exclude(
        user__email=""
    )
    recipients = list(officers.values_list("user__email", flat=True))
    context = {
        "join_request": join_request,
        "name": display_name(join_request.user),
        "link": absolute_url(reverse("enterprise_detail")),
    }
    subject = _("【合规学堂】%(name)s 申请加入企业") % {"name": context["name"]}
    text = render_to_string("accounts/email/join_request.txt", context)
    return int(
        send_once(
            notification_key(join_request, "requested"),
            lambda: send_email(subject=subject, text=text, recipients=recipients),
        )
    )


@task()
def send_join_decision_email(join_request_pk):
    join_request = JoinRequest.objects.select_related("enterprise", "user").filter(pk=join_request_pk).first()
    if join_request is None or join_request.is_open or not join_request.user.email:
        return 0
    context = {"join_request": join_request, "link": absolute_url(reverse("enterprise_detail"))}
    if join_request.approved:
        subject = _("【合规学堂】您已加入企业：%(name)s")
    else:
        subject = _("【合规学堂】加入企业的申请未通过：%(name)s")
    subject = subject % {"name": join_request.enterprise.name}
    text = render_to_string("accounts/email/join_decision.txt", context)
    return int(
        send_once(
            notification_key(join_request, "decided"),
            lambda: send_email(subject=subject, text=text, recipients=[join_request.user.email]),
        )
    )
