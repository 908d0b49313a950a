"""The steps of a drill scenario and the choices at each step (inline children of DrillPage)."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from ..blocks import ExhibitStreamBlock
from ..scoring import Level
from ..widgets import GuidelineItemSelect, StepKeySelect


class DrillStep(Orderable, ClusterableModel):
    """One step of the inspection: what the inspector asks, what the trainee sees, the choices."""

    class Phase(models.TextChoices):
        ARRIVAL = "arrival", _("到场亮证")
        DOCUMENTS = "documents", _("资料检查")
        SITE = "site", _("现场检查")
        INTERVIEW = "interview", _("人员询问")
        ESCALATION = "escalation", _("调查升级")
        CLOSING = "closing", _("检查结论")

    page = ParentalKey("drills.DrillPage", on_delete=models.CASCADE, related_name="steps")
    key = models.SlugField(
        _("步骤代码"),
        max_length=40,
        help_text=_("本演练内唯一的英文短名，如 payroll；选项通过它跳转到本步骤"),
    )
    phase = models.CharField(_("环节"), max_length=20, choices=Phase.choices, default=Phase.DOCUMENTS)
    title = models.CharField(_("步骤标题"), max_length=100)
    inspector_says = models.TextField(_("执法人员的要求或提问"))
    scene = RichTextField(
        _("学员看到的情况"),
        blank=True,
        features=["bold", "italic", "ol", "ul"],
        help_text=_("现场描述、人员在场情况等"),
    )
    exhibits = StreamField(ExhibitStreamBlock(), blank=True, verbose_name=_("材料与照片"))
    is_branch = models.BooleanField(
        _("仅由分支进入"),
        default=False,
        help_text=_("勾选后，默认顺序会跳过本步骤，只有选项指向它时才会进入（如拒绝配合后的执法升级）"),
    )

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("phase"), FieldPanel("is_branch")]),
        FieldPanel("title"),
        FieldPanel("inspector_says"),
        FieldPanel("scene"),
        FieldPanel("exhibits"),
        InlinePanel("choices", heading=_("选项"), label=_("选项"), min_num=1),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("检查步骤")
        verbose_name_plural = _("检查步骤")

    def __str__(self):
        return self.title

    @property
    def max_score(self):
        return max((choice.score for choice in self.choices.all()), default=0)


class DrillChoice(Orderable, ClusterableModel):
    """What the trainee may do at a step: scored, graded, mapped to guideline items, maybe branching."""

    step = ParentalKey(DrillStep, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("选项内容"), max_length=300)
    score = models.PositiveSmallIntegerField(_("得分"), default=0, validators=[MaxValueValidator(100)])
    level = models.CharField(_("评级"), max_length=10, choices=Level.choices, default=Level.GREEN)
    feedback = models.TextField(_("点评"), blank=True, help_text=_("作答后显示，并写入报告"))
    guideline_items = ParentalManyToManyField(
        "library.GuidelineItem", verbose_name=_("对应指引条目"), blank=True, related_name="drill_choices"
    )
    next_step_key = models.SlugField(
        _("跳转到步骤"),
        max_length=40,
        blank=True,
        help_text=_("选择本演练中的某个步骤以进入分支；不选则按顺序进入下一步骤"),
    )

    panels = [
        FieldPanel("text"),
        FieldRowPanel(
            [FieldPanel("score"), FieldPanel("level"), FieldPanel("next_step_key", widget=StepKeySelect)]
        ),
        FieldPanel("feedback"),
        FieldPanel("guideline_items", widget=GuidelineItemSelect),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("选项")
        verbose_name_plural = _("选项")

    def __str__(self):
        return self.text
