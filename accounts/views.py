"""The signed-in person's own pages: /me/, profile, data download, deletion and the enterprise."""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import erasure, services
from accounts.forms import (
    DeleteAccountForm,
    EnterpriseForm,
    HandOverForm,
    InvitationForm,
    JoinRequestForm,
    ProfileForm,
)
from accounts.models import Membership, Profile, display_name
from accounts.training import hours_of
from accounts.validators import normalize_credit_code
from core.downloads import content_disposition
from core.feeds import collect_user_data, render_enterprise_panels, render_me_panels


@login_required
def me(request):
    membership = services.membership_of(request.user)
    return render(
        request,
        "accounts/me.html",
        {"membership": membership, "panels": render_me_panels(request), "training": hours_of(request.user)},
    )


@login_required
def edit_profile(request):
    profile, _created = Profile.objects.get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("个人资料已保存。"))
        return redirect("me")
    return render(request, "accounts/profile_form.html", {"form": form})


@login_required
def export_my_data(request):
    """Everything the platform holds about the signed-in user, as JSON (PIPL right of access)."""
    user = request.user
    profile = getattr(user, "profile", None)
    membership = services.membership_of(user)
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "profile": {
            "real_name": profile.real_name if profile else "",
            "phone": profile.phone if profile else "",
            "privacy_consented_at": profile.privacy_consented_at.isoformat()
            if profile and profile.privacy_consented_at
            else None,
        },
        "enterprise": {
            "name": membership.enterprise.name,
            "credit_code": membership.enterprise.credit_code,
            "role": membership.role,
        }
        if membership
        else None,
        "join_requests": [
            {
                "enterprise": join_request.enterprise.name,
                "message": join_request.message,
                "created_at": join_request.created_at.isoformat(),
                "approved": join_request.approved,
            }
            for join_request in user.join_requests.select_related("enterprise")
        ],
        "training_hours": hours_of(user).as_data(),
        **collect_user_data(user),
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition("my-data.json", "my-data.json")
    return response


@login_required
def delete_account(request):
    """What deletion erases and keeps, and why; a sole officer hands the firm over first."""
    form = DeleteAccountForm(request.user, request.POST or None)
    try:
        erasure.check_can_erase(request.user)
        hand_over_message = ""
    except erasure.HandOverRequired as exc:
        hand_over_message = " ".join(exc.messages)
    if request.method == "POST" and form.is_valid():
        try:
            erasure.erase_account(request.user)
        except erasure.HandOverRequired as exc:
            form.add_error(None, exc)
        else:
            logout(request)
            messages.success(request, _("您的账户已注销，个人数据已按说明删除。"))
            return redirect("/")
    context = {"form": form, "parts": erasure.erasures(), "hand_over_message": hand_over_message}
    return render(request, "accounts/delete_account.html", context, status=400 if form.errors else 200)


@login_required
def enterprise_hand_over(request):
    membership = _officer_membership(request)
    if membership is None:
        messages.error(request, _("只有企业合规专员可以转交企业。"))
        return redirect("me")
    form = HandOverForm(membership, request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_officer = services.hand_over(membership, form.cleaned_data["member"])
        messages.success(
            request, _("已将合规专员身份转交给 %(name)s。") % {"name": display_name(new_officer.user)}
        )
        return redirect("enterprise_detail")
    return render(request, "accounts/hand_over.html", {"form": form, "enterprise": membership.enterprise})


@login_required
def enterprise_detail(request):
    membership = services.membership_of(request.user)
    if membership is None:
        return redirect("enterprise_create")
    enterprise = membership.enterprise
    context = {"membership": membership, "enterprise": enterprise}
    if membership.is_officer:
        context.update(
            members=enterprise.memberships.select_related("user__profile"),
            invitations=enterprise.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True),
            invite_form=InvitationForm(),
            join_requests=enterprise.join_requests.filter(decided_at__isnull=True).select_related(
                "user__profile"
            ),
            panels=render_enterprise_panels(request, enterprise),
        )
    return render(request, "accounts/enterprise_detail.html", context)


@login_required
def enterprise_create(request):
    if services.membership_of(request.user):
        messages.info(request, _("您已属于一家企业。"))
        return redirect("enterprise_detail")
    form = EnterpriseForm(request.POST or None)
    join_form = JoinRequestForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.create_enterprise(request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("企业已创建，您是该企业的合规专员。"))
            return redirect("enterprise_detail")
    if form.has_error("credit_code", "unique"):
        # The firm is registered already: offer to ask its officer instead.
        join_form = JoinRequestForm(
            initial={"credit_code": normalize_credit_code(form.data.get("credit_code", ""))}
        )
    return _enterprise_form(request, form, join_form)


def _enterprise_form(request, form, join_form):
    context = {"form": form, "join_form": join_form, "join_request": services.open_join_request(request.user)}
    return render(
        request,
        "accounts/enterprise_form.html",
        context,
        status=400 if form.errors or join_form.errors else 200,
    )


@login_required
@require_POST
def enterprise_join(request):
    if services.membership_of(request.user):
        messages.info(request, _("您已属于一家企业。"))
        return redirect("enterprise_detail")
    join_form = JoinRequestForm(request.POST)
    if join_form.is_valid():
        try:
            join_request = services.request_to_join(request.user, **join_form.cleaned_data)
        except ValidationError as exc:
            join_form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("已向“%(name)s”的合规专员发送加入申请，审核后您会收到邮件。")
                % {"name": join_request.enterprise.name},
            )
            return redirect("enterprise_create")
    return _enterprise_form(request, EnterpriseForm(), join_form)


@login_required
@require_POST
def enterprise_join_withdraw(request):
    if services.withdraw_join_request(request.user):
        messages.success(request, _("加入申请已撤回。"))
    return redirect("enterprise_create")


@login_required
@require_POST
def join_request_decide(request, pk, decision):
    if decision not in ("approve", "decline"):
        raise Http404
    membership = _officer_membership(request)
    if membership is None:
        messages.error(request, _("只有企业合规专员可以处理加入申请。"))
        return redirect("me")
    try:
        join_request = services.decide_join_request(membership, pk, approve=decision == "approve")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        name = display_name(join_request.user)
        if join_request.approved:
            messages.success(request, _("已同意 %(name)s 加入企业。") % {"name": name})
        else:
            messages.success(request, _("已拒绝 %(name)s 的加入申请。") % {"name": name})
    return redirect("enterprise_detail")


def _officer_membership(request):
    membership = services.membership_of(request.user)
    if membership is None or not membership.is_officer:
        return None
    return membership


@login_required
@require_POST
def enterprise_invite(request):
    membership = _officer_membership(request)
    if membership is None:
        messages.error(request, _("只有企业合规专员可以邀请成员。"))
        return redirect("me")
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invite(
                membership.enterprise,
                form.cleaned_data["email"],
                request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("邀请已发送至 %(email)s。") % {"email": form.cleaned_data["email"]})
    else:
        messages.error(request, _("请输入有效的邮箱地址。"))
    return redirect("enterprise_detail")


@login_required
@require_POST
def invitation_revoke(request, pk):
    membership = _officer_membership(request)
    if membership is None:
        return redirect("me")
    invitation = get_object_or_404(membership.enterprise.invitations, pk=pk, accepted_at__isnull=True)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    messages.success(request, _("邀请已撤销。"))
    return redirect("enterprise_detail")


@login_required
@require_POST
def member_remove(request, pk):
    membership = _officer_membership(request)
    if membership is None:
        messages.error(request, _("只有企业合规专员可以移除成员。"))
        return redirect("me")
    target = get_object_or_404(Membership, pk=pk, enterprise=membership.enterprise)
    try:
        services.remove_member(membership, target)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("成员已移除。"))
    return redirect("enterprise_detail")


@login_required
@require_POST
def enterprise_leave(request):
    membership = services.membership_of(request.user)
    if membership:
        try:
            services.leave_enterprise(membership)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("enterprise_detail")
        messages.success(request, _("您已退出企业。"))
    return redirect("me")


def invitation_accept(request, token):
    if not request.user.is_authenticated:
        # Someone new signs up with the invited address filled in; someone known signs in. Both
        # come back here to accept.
        invitation = services.Invitation.objects.filter(token=token).first()
        back = urlencode({"next": request.path})
        if invitation and invitation.is_usable:
            if not get_user_model().objects.filter(email__iexact=invitation.email).exists():
                return redirect(
                    f"{reverse('account_signup')}?{urlencode({'email': invitation.email})}&{back}"
                )
        return redirect(f"{reverse('account_login')}?{back}")
    if request.method == "POST":
        try:
            services.accept_invitation(token, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("me")
        messages.success(request, _("您已加入企业。"))
        return redirect("enterprise_detail")
    invitation = services.Invitation.objects.select_related("enterprise").filter(token=token).first()
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation})
