"""Drill scenarios and self-checks as Wagtail pages under /drills/.

A ``DrillPage`` is one scenario: the firm (setting), its industry and the
ordered inspection steps (``DrillStep``), each with its choices
(``DrillChoice``), all authored in one page form with nested inline panels,
so they go through revisions, preview and moderation together.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.search import SearchablePage

from ..blocks import ExhibitStreamBlock
from ..flow import ChoiceSpec, Flow, StepSpec
from ..scoring import Level
from ..widgets import GuidelineItemSelect

# Paths served by courses/drills/urls.py: a page must not take these slugs.
RESERVED_SLUGS = {"runs", "checkups", "my"}


def _check_slug(page):
    if page.slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("“%(slug)s”为系统保留地址,请换一个。") % {"slug": page.slug}})


class DrillIndexPage(SearchablePage, Page):
    """/drills/: every live drill and self-check, filterable by industry."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.AutocompleteField("title")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["drills.DrillPage", "drills.SelfCheckPage"]
    max_count = 1

    class Meta:
        verbose_name = _("模拟检查目录")
        verbose_name_plural = _("模拟检查目录")

    @property
    def search_summary(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        from ..views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context


def _kept(form):
    """A filled-in inline form that is not marked for deletion."""
    if form.errors:
        return False
    data = getattr(form, "cleaned_data", None)
    return bool(data) and not data.get("DELETE")


class DrillPageForm(WagtailAdminPageForm):
    """Checks the step graph before saving: no cycles, targets in this drill, all reachable, an end."""

    def clean(self):
        cleaned = super().clean()
        steps_formset = self.formsets.get("steps")
        if steps_formset is None or any(form.errors for form in steps_formset.forms):
            return cleaned
        step_forms = [form for form in steps_formset.forms if _kept(form)]
        step_forms.sort(key=lambda form: form.cleaned_data.get("ORDER") or 0)
        specs = []
        for form in step_forms:
            choices_formset = form.formsets.get("choices") if hasattr(form, "formsets") else None
            choice_forms = [f for f in choices_formset.forms if _kept(f)] if choices_formset else []
            specs.append(
                StepSpec(
                    key=form.cleaned_data.get("key") or "",
                    is_branch=bool(form.cleaned_data.get("is_branch")),
                    choices=[
                        ChoiceSpec(next_key=f.cleaned_data.get("next_step_key") or "") for f in choice_forms
                    ],
                    label=form.cleaned_data.get("title") or "",
                )
            )
        for message in Flow(specs).validate():
            self.add_error(None, message)
        return cleaned


class DrillPage(SearchablePage, Page):
    """One simulated inspection scenario (DrillScenario): a firm, an industry and its steps."""

    industry = models.ForeignKey(
        "library.Industry", verbose_name=_("行业"), on_delete=models.PROTECT, related_name="drill_pages"
    )
    authority = models.CharField(
        _("检查机关"), max_length=100, help_text=_("如:区人力社保局、区应急管理局联合检查组")
    )
    firm_name = models.CharField(_("企业名称(虚构)"), max_length=100)
    setting = models.TextField(
        _("企业情境"), help_text=_("全场景还原的生产经营情况:规模、人员、工艺、近期经营动态")
    )
    intro = models.TextField(_("导语"), help_text=_("一两句话,用于列表和搜索结果"))
    briefing = RichTextField(
        _("演练说明"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("开始前给学员的说明:扮演的角色、评分方式"),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("预计用时(分钟)"), default=15)
    related_courses = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("推荐课程"),
        blank=True,
        related_name="+",
        help_text=_("报告中优先推荐的课程;另会补充同行业的课程"),
    )

    base_form_class = DrillPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("industry"),
                FieldPanel("authority"),
                FieldPanel("firm_name"),
                FieldPanel("setting"),
                FieldRowPanel([FieldPanel("estimated_minutes")]),
            ],
            heading=_("情境"),
        ),
        FieldPanel("intro"),
        FieldPanel("briefing"),
        FieldPanel("cover_image"),
        FieldPanel("related_courses", widget=forms.CheckboxSelectMultiple),
        InlinePanel("steps", heading=_("检查步骤"), label=_("步骤"), min_num=1),
    ]
    search_fields = Page.search_fields + [
        index.AutocompleteField("title"),
        index.SearchField("intro"),
        index.SearchField("setting"),
        index.SearchField("firm_name"),
        index.FilterField("industry"),
        index.RelatedFields("industry", [index.SearchField("name"), index.FilterField("code")]),
        index.RelatedFields("steps", [index.SearchField("title"), index.SearchField("inspector_says")]),
    ]

    parent_page_types = ["drills.DrillIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("模拟执法检查")
        verbose_name_plural = _("模拟执法检查")

    def clean(self):
        super().clean()
        _check_slug(self)

    def search_industries(self):
        return [self.industry] if self.industry_id else []

    @property
    def search_summary(self):
        return Truncator(self.intro or strip_tags(self.setting)).chars(160)

    @property
    def feed_summary(self):
        return Truncator(self.intro).chars(60)

    def flow_steps(self):
        """The steps in order with their choices (two queries)."""
        steps = self.steps.all()
        if isinstance(steps, models.QuerySet):
            return list(steps.order_by("sort_order", "pk").prefetch_related("choices"))
        # An unsaved page being previewed: its steps live in memory only.
        return sorted(steps, key=lambda step: step.sort_order or 0)

    def get_context(self, request, *args, **kwargs):
        from ..views import drill_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(drill_page_context(self, request))
        return context


class DrillStep(Orderable, ClusterableModel):
    """One step of the inspection: what the inspector asks, what the trainee sees, the choices."""

    class Phase(models.TextChoices):
        ARRIVAL = "arrival", _("到场亮证")
        DOCUMENTS = "documents", _("资料检查")
        SITE = "site", _("现场检查")
        INTERVIEW = "interview", _("人员询问")
        ESCALATION = "escalation", _("调查升级")
        CLOSING = "closing", _("检查结论")

    page = ParentalKey(DrillPage, on_delete=models.CASCADE, related_name="steps")
    key = models.SlugField(
        _("步骤代码"),
        max_length=40,
        help_text=_("本演练内唯一的英文短名,如 payroll;选项通过它跳转到本步骤"),
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
        help_text=_("勾选后,默认顺序会跳过本步骤,只有选项指向它时才会进入(如拒绝配合后的执法升级)"),
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
    feedback = models.TextField(_("点评"), blank=True, help_text=_("作答后显示,并写入报告"))
    guideline_items = ParentalManyToManyField(
        "library.GuidelineItem", verbose_name=_("对应指引条目"), blank=True, related_name="drill_choices"
    )
    next_step_key = models.SlugField(
        _("跳转到步骤"),
        max_length=40,
        blank=True,
        help_text=_("填写本演练中某个步骤的代码以进入分支;留空则按顺序进入下一步骤"),
    )

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("score"), FieldPanel("level"), FieldPanel("next_step_key")]),
        FieldPanel("feedback"),
        FieldPanel("guideline_items", widget=GuidelineItemSelect),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("选项")
        verbose_name_plural = _("选项")

    def __str__(self):
        return self.text


class SelfCheckPage(SearchablePage, Page):
    """合规体检: a questionnaire built from the industry's live guideline items."""

    industry = models.ForeignKey(
        "library.Industry", verbose_name=_("行业"), on_delete=models.PROTECT, related_name="self_check_pages"
    )
    intro = models.TextField(_("导语"), help_text=_("一两句话,用于列表和搜索结果"))
    instructions = RichTextField(_("填写说明"), blank=True, features=["bold", "italic", "ol", "ul", "link"])

    content_panels = Page.content_panels + [
        FieldPanel("industry"),
        FieldPanel("intro"),
        FieldPanel("instructions"),
    ]
    search_fields = Page.search_fields + [
        index.AutocompleteField("title"),
        index.SearchField("intro"),
        index.FilterField("industry"),
        index.RelatedFields("industry", [index.SearchField("name"), index.FilterField("code")]),
    ]

    parent_page_types = ["drills.DrillIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("合规体检")
        verbose_name_plural = _("合规体检")

    def clean(self):
        super().clean()
        _check_slug(self)

    def search_industries(self):
        return [self.industry] if self.industry_id else []

    @property
    def search_summary(self):
        return Truncator(self.intro).chars(160)

    @property
    def feed_summary(self):
        return Truncator(self.intro).chars(60)

    def questions(self):
        """The guideline items asked, grouped by risk area in the form: live guideline pages only."""
        from library.models import GuidelineItem

        return list(
            GuidelineItem.objects.filter(page__industry_id=self.industry_id, page__live=True)
            .select_related("page", "risk_area")
            .order_by("risk_area__sort_order", "risk_area__name", "page__path", "sort_order", "pk")
        )

    def serve(self, request, *args, **kwargs):
        from ..views import self_check_serve

        return self_check_serve(self, request)
