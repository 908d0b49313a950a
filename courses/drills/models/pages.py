"""Drill scenarios and self-checks as Wagtail pages under /drills/.

A ``DrillPage`` is one scenario: the firm (setting), its industry and the
ordered inspection steps (``DrillStep``), each with its choices
(``DrillChoice``), all authored in one page form with nested inline panels,
so they go through revisions, preview and moderation together.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from accounts.services import membership_of
from core.fragments import kept_cards, page_kept
from core.i18n import in_visitor_language, source_page
from core.pages import SitePage, SitePageManager
from core.search import SearchablePage
from library.models.taxonomy import Industry

from ..checkup import SelfCheckForm, grade_answers, save_result
from ..engine import ScenarioFlow
from ..flow import ChoiceSpec, Flow, StepSpec
from ..report import report_for_answers
from .runs import DrillRun

PAGE_SIZE = 12

# Paths served by courses/drills/urls.py: a page must not take these slugs.
RESERVED_SLUGS = {"runs", "checkups", "my"}


def _check_slug(page):
    if page.slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("“%(slug)s”为系统保留地址，请换一个。") % {"slug": page.slug}})


class DrillIndexPage(SitePage, SearchablePage, Page):
    """/drills/: every live drill and self-check, filterable by industry."""

    objects = SitePageManager()

    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.AutocompleteField("title")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["drills.DrillPage", "drills.SelfCheckPage"]
    principal_subpage_type = "drills.DrillPage"
    max_count = 1

    class Meta:
        verbose_name = _("模拟检查目录")
        verbose_name_plural = _("模拟检查目录")

    @property
    def search_summary(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        """The /drills/ listing: drills (paginated) and self-checks, filtered by ?industry=code."""
        context = super().get_context(request, *args, **kwargs)
        # A card shows the intro: the setting, the briefing and the instructions stay in the database.
        drills = DrillPage.objects.live().public().select_related("industry").defer("setting", "briefing")
        checks = SelfCheckPage.objects.live().public().select_related("industry").defer("instructions")
        if self.pk:
            source = source_page(self)
            drills = drills.descendant_of(source)
            checks = checks.descendant_of(source)
        else:  # previewing an unsaved index: nothing lives below it yet
            drills, checks = drills.none(), checks.none()
        drills = drills.order_by("industry__sort_order", "title")
        code = request.GET.get("industry", "").strip()
        # Drills and self-checks all live below this one index: their industries change only as
        # they are published.
        industries = page_kept(
            self,
            request,
            "drill-industries",
            lambda: list(
                Industry.objects.filter(Q(drill_pages__live=True) | Q(self_check_pages__live=True))
                .distinct()
                .order_by("sort_order", "name")
            ),
        )
        selected = None
        if code:
            selected = Industry.objects.filter(code=code).first()
            if selected is None:
                messages.warning(request, gettext("没有找到该行业，已显示全部内容。"))
            else:
                drills = drills.filter(industry=selected)
                checks = checks.filter(industry=selected)
        page_obj = Paginator(drills, PAGE_SIZE).get_page(request.GET.get("page") or 1)
        page_obj.object_list = in_visitor_language(page_obj.object_list, related=("industry",))
        open_runs = []
        if request.user.is_authenticated:
            open_runs = list(
                DrillRun.objects.filter(user=request.user, status=DrillRun.Status.IN_PROGRESS)
                .select_related("scenario", "current_step")
                .order_by("-updated_at")[:5]
            )
        self_checks = in_visitor_language(
            checks.order_by("industry__sort_order", "title"), related=("industry",)
        )

        def cards(pages, name):
            template = f"drills/includes/{name}.html"
            return kept_cards(
                self, pages, request, name, lambda page: render_to_string(template, {"page": page}, request)
            )

        context.update(
            page_obj=page_obj,
            drills=page_obj.object_list,
            drill_cards=cards(page_obj.object_list, "drill_card"),
            self_checks=self_checks,
            self_check_cards=cards(self_checks, "self_check_card"),
            industries=industries,
            selected_industry=selected,
            open_runs=open_runs,
        )
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


class DrillPage(SitePage, SearchablePage, Page):
    """One simulated inspection scenario (DrillScenario): a firm, an industry and its steps."""

    objects = SitePageManager()
    served_with = ("industry", "cover_image")

    industry = models.ForeignKey(
        "library.Industry", verbose_name=_("行业"), on_delete=models.PROTECT, related_name="drill_pages"
    )
    authority = models.CharField(
        _("检查机关"), max_length=100, help_text=_("如：区人力社保局、区应急管理局联合检查组")
    )
    firm_name = models.CharField(_("企业名称（虚构）"), max_length=100)
    setting = models.TextField(
        _("企业情境"), help_text=_("全场景还原的生产经营情况：规模、人员、工艺、近期经营动态")
    )
    intro = models.TextField(_("导语"), help_text=_("一两句话，用于列表和搜索结果"))
    briefing = RichTextField(
        _("演练说明"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("开始前给学员的说明：扮演的角色、评分方式"),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("预计用时（分钟）"), default=15)
    related_courses = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("推荐课程"),
        blank=True,
        related_name="+",
        help_text=_("报告中优先推荐的课程；另会补充同行业的课程"),
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
        context = super().get_context(request, *args, **kwargs)

        def outline():
            loaded = ScenarioFlow.load(self)
            phases = []
            for step in loaded.steps:
                if not step.is_branch and str(step.get_phase_display()) not in phases:
                    phases.append(str(step.get_phase_display()))
            steps = sum(1 for step in loaded.steps if not step.is_branch)
            return {"step_count": steps, "playable": loaded.playable, "phases": phases}

        # What the scenario's steps say of it, kept until it is published again (core.fragments).
        context.update(page_kept(self, request, "drill-outline", outline), open_run=None, past_runs=[])
        # A preview of an unsaved page has no runs (and no pk to look them up by).
        if request.user.is_authenticated and self.pk and not getattr(request, "is_preview", False):
            runs = list(DrillRun.objects.filter(user=request.user, scenario=self).order_by("-started_at")[:6])
            context["open_run"] = next((r for r in runs if not r.is_completed), None)
            context["past_runs"] = [r for r in runs if r.is_completed][:5]
        return context


class SelfCheckPage(SitePage, SearchablePage, Page):
    """合规体检: a questionnaire built from the industry's live guideline items."""

    objects = SitePageManager()
    served_with = ("industry",)

    industry = models.ForeignKey(
        "library.Industry", verbose_name=_("行业"), on_delete=models.PROTECT, related_name="self_check_pages"
    )
    intro = models.TextField(_("导语"), help_text=_("一两句话，用于列表和搜索结果"))
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
        """GET: the questionnaire. POST: grade it; signed-in users keep the result, others get it once."""
        questions = self.questions()
        template = "drills/self_check_page.html"
        if request.method != "POST":
            form = SelfCheckForm(questions)
            return TemplateResponse(request, template, {"page": self, "self": self, "form": form})
        form = SelfCheckForm(questions, request.POST)
        if not questions:
            messages.error(request, gettext("该体检暂无题目。"))
            return redirect(self.url)
        if not form.is_valid():
            return TemplateResponse(request, template, {"page": self, "self": self, "form": form}, status=400)
        graded = grade_answers(questions, form.cleaned_data)
        if request.user.is_authenticated:
            membership = membership_of(request.user)
            subject = membership.enterprise.name if membership else ""
            result = save_result(request.user, self, graded, subject=subject)
            messages.success(request, gettext("体检报告已生成并保存，可随时在“我的”页面查看。"))
            return redirect("drills:checkup_report", result.pk)
        report = report_for_answers(self, graded)
        if request.POST.get("format") == "pdf":
            # The PDF layout (fpdf2 and fontTools) loads only in a process that renders a PDF.
            from core.pdf import pdf_response

            from ..pdf import report_pdf

            return pdf_response(
                report_pdf(report), f"合规体检报告-{self.title}.pdf", f"self-check-report-{self.slug}.pdf"
            )
        # Rendered from this POST only: the answers ride along in hidden inputs for the PDF button.
        return TemplateResponse(
            request,
            "drills/checkup_report.html",
            {"page": self, "report": report, "anonymous": True, "posted": form.cleaned_data.items()},
        )
