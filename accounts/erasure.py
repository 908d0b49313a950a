"""Account deletion (PIPL): erase the person's own words and files, keep what the office must keep.

Each app says what it erases and what it keeps, and why, through the
``register_user_data_erasure`` hook: ``fn() -> UserDataErasure``. The deletion page lists them
and :func:`erase_account` runs them in one transaction, then anonymises the account itself. The
account row stays as an anonymous, disabled placeholder so that kept records (a consultation's
times, a certificate's verification, event attendance) still point somewhere and say nothing
about who it was. Files are removed from storage only once the transaction has committed.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from accounts.models import Invitation, JoinRequest, Membership, Profile

ERASED_NAME = gettext_lazy("已注销用户")


@dataclass
class UserDataErasure:
    """What one app erases and keeps; ``erase(user)`` returns the number of items it erased."""

    key: str
    erased: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # (what, why) pairs
    erase: object = None


def account_erasure():
    return UserDataErasure(
        key="account",
        erased=[
            _("账户：邮箱、密码、登录记录"),
            _("个人资料：姓名、手机号、隐私政策同意记录"),
            _("企业成员身份、发给您邮箱的邀请和您提交的加入申请"),
        ],
        kept=[
            (
                _("企业本身及其记录"),
                _("企业是其他成员和办理部门共同使用的主体；您是唯一成员时，企业信息保留但不再有成员。"),
            ),
        ],
    )


def erasures():
    """The account's own part first, then every app's, in hook order."""
    return [account_erasure()] + [hook() for hook in hooks.get_hooks("register_user_data_erasure")]


def delete_file_on_commit(file_field):
    """Remove a stored file after the current transaction commits (a rollback keeps it)."""
    if not file_field:
        return
    storage, name = file_field.storage, file_field.name
    transaction.on_commit(lambda: storage.delete(name))


class HandOverRequired(ValidationError):
    """The person is the only compliance officer of a firm that has other members."""


def check_can_erase(user):
    membership = Membership.objects.select_related("enterprise").filter(user=user).first()
    if membership is None or not membership.is_officer:
        return membership
    others = Membership.objects.filter(enterprise_id=membership.enterprise_id).exclude(pk=membership.pk)
    if others.exists() and not others.filter(role=Membership.Role.OFFICER).exists():
        raise HandOverRequired(
            _(
                "您是“%(name)s”唯一的合规专员，企业还有其他成员。请先把合规专员身份转交给一位成员，再注销账户。"
            )
            % {"name": membership.enterprise.name}
        )
    return membership


@transaction.atomic
def erase_account(user):
    """Erase ``user``'s personal data and disable the account; returns {key: items erased}."""
    membership = check_can_erase(user)
    counts = {}
    for part in erasures():
        if part.erase is not None:
            counts[part.key] = part.erase(user)
    email = user.email
    if membership is not None:
        membership.delete()
    JoinRequest.objects.filter(user=user).delete()
    if email:
        Invitation.objects.filter(email__iexact=email, accepted_at__isnull=True).delete()
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "real_name": "",
            "phone": "",
            "privacy_consented_at": None,
            "privacy_notice_version": "",
            "erased_at": timezone.now(),
        },
    )
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()
    user.username = f"erased-{user.pk}"
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    counts["account"] = 1
    return counts
