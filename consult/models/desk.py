"""The desk itself: the departments that answer, the holiday calendar and the clock's settings."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from consult.working_time import parse_periods
from core.i18n import EnglishNameMixin


class Department(EnglishNameMixin, models.Model):
    """A department that answers consultations; its staff are the members of its admin group."""

    name = models.CharField(_("部门名称"), max_length=50, unique=True)
    slug = models.SlugField(_("代码"), max_length=40, unique=True)
    group = models.OneToOneField(
        Group,
        verbose_name=_("管理后台用户组"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consult_department",
        help_text=_("该组成员即本部门的咨询受理人员。"),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("部门负责人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("只有部门负责人可以分派承办人和转办；未指定时本部门工作人员均可分派和转办。"),
    )
    email = models.EmailField(_("部门邮箱"), blank=True, help_text=_("期限提醒同时发送到此邮箱。"))
    description = models.CharField(_("受理范围"), max_length=255, blank=True)
    is_intake = models.BooleanField(
        _("默认受理部门"), default=False, help_text=_("企业未选择部门时，咨询由默认受理部门接收并分派。")
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("group"),
        FieldPanel("lead"),
        FieldPanel("email"),
        FieldPanel("description"),
        FieldPanel("is_intake"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("受理部门")
        verbose_name_plural = _("受理部门")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        if self.lead_id and not (self.group_id and self.lead.groups.filter(pk=self.group_id).exists()):
            raise ValidationError({"lead": _("部门负责人必须是该部门用户组的成员。")})

    def staff(self):
        """Active users in the department's group."""
        User = get_user_model()
        if not self.group_id:
            return User.objects.none()
        return User.objects.filter(groups=self.group_id, is_active=True)


class PublicHoliday(models.Model):
    """A date the 315 clock skips (法定节假日), or a weekend date it counts (调休上班)."""

    date = models.DateField(_("日期"), unique=True)
    name = models.CharField(_("名称"), max_length=50)
    is_workday = models.BooleanField(
        _("调休上班日"), default=False, help_text=_("勾选表示该日为调休上班的周末，计入工作时间。")
    )

    panels = [FieldPanel("date"), FieldPanel("name"), FieldPanel("is_workday")]

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self):
        kind = _("调休上班") if self.is_workday else _("放假")
        return f"{self.date:%Y-%m-%d} {self.name}({kind})"


def validate_working_hours(value):
    try:
        parse_periods(value)
    except ValueError:
        raise ValidationError(_("工作时间格式应为“08:30-12:00, 13:30-17:30”，各时段按先后排列且不重叠。"))


@register_setting(icon="time")
class ConsultSettings(BaseGenericSetting):
    """The 315 clock's parameters and the desk's yearly targets, edited in the admin."""

    working_hours = models.CharField(
        _("工作时间"),
        max_length=100,
        default="08:30-12:00, 13:30-17:30",
        validators=[validate_working_hours],
        help_text=_("北京时间，多个时段用逗号分隔，如“08:30-12:00, 13:30-17:30”。"),
    )
    ack_minutes = models.PositiveSmallIntegerField(
        _("响应时限（工作分钟）"), default=30, validators=[MinValueValidator(1)]
    )
    simple_days = models.PositiveSmallIntegerField(
        _("简单事项办结时限（工作日）"), default=1, validators=[MinValueValidator(1)]
    )
    complex_days = models.PositiveSmallIntegerField(
        _("复杂事项反馈时限（工作日）"), default=5, validators=[MinValueValidator(1)]
    )
    ack_warning_minutes = models.PositiveSmallIntegerField(_("响应临期提醒（剩余工作分钟）"), default=10)
    answer_warning_minutes = models.PositiveSmallIntegerField(_("答复临期提醒（剩余工作分钟）"), default=120)
    annual_target = models.PositiveSmallIntegerField(_("年度咨询服务目标（次）"), default=60)
    satisfaction_target = models.PositiveSmallIntegerField(
        _("满意度目标（%）"), default=90, validators=[MaxValueValidator(100)]
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("working_hours"),
                FieldPanel("ack_minutes"),
                FieldPanel("simple_days"),
                FieldPanel("complex_days"),
                FieldPanel("ack_warning_minutes"),
                FieldPanel("answer_warning_minutes"),
            ],
            heading=_("“315”时限"),
        ),
        MultiFieldPanel(
            [FieldPanel("annual_target"), FieldPanel("satisfaction_target")], heading=_("年度指标")
        ),
    ]

    class Meta:
        verbose_name = _("法律咨询设置")
