"""The question bank of a course, the rules that draw a quiz from it, and learners' attempts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


class LegalTopic(models.Model):
    """A legal topic a question is tagged with, e.g. 劳动用工 or 个人信息保护."""

    name = models.CharField(_("法律主题"), max_length=50, unique=True)
    code = models.SlugField(_("代码"), max_length=40, unique=True)

    panels = [FieldPanel("name"), FieldPanel("code")]

    class Meta:
        verbose_name = _("法律主题")
        verbose_name_plural = _("法律主题")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Question(ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("单选题")
        MULTIPLE = "multiple", _("多选题")
        TRUE_FALSE = "truefalse", _("判断题")

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="questions", verbose_name=_("课程")
    )
    kind = models.CharField(_("题型"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("题干"))
    explanation = models.TextField(_("解析"), help_text=_("交卷后向学员展示，说明正确答案及法律依据"))
    industries = ParentalManyToManyField("library.Industry", blank=True, verbose_name=_("行业标签"))
    topic = models.ForeignKey(
        LegalTopic,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        verbose_name=_("法律主题"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    panels = [
        FieldPanel("course"),
        FieldPanel("kind"),
        FieldPanel("text"),
        InlinePanel("options", label=_("选项"), min_num=2),
        FieldPanel("explanation"),
        FieldPanel("topic"),
        FieldPanel("industries"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("题目")
        verbose_name_plural = _("题库")
        ordering = ["course", "sort_order", "pk"]

    def __str__(self):
        return self.text[:40]

    def check_options(self, options):
        """Validate a list of options (text, is_correct) against the question type."""
        correct = sum(1 for option in options if option.is_correct)
        if len(options) < 2:
            raise ValidationError(_("每道题至少需要两个选项。"))
        if self.kind == self.Kind.TRUE_FALSE and len(options) != 2:
            raise ValidationError(_("判断题必须恰好有两个选项（正确/错误）。"))
        if self.kind in (self.Kind.SINGLE, self.Kind.TRUE_FALSE) and correct != 1:
            raise ValidationError(_("单选题和判断题必须恰好有一个正确选项。"))
        if self.kind == self.Kind.MULTIPLE and correct < 1:
            raise ValidationError(_("多选题至少需要一个正确选项。"))


class Option(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("选项内容"), max_length=300)
    is_correct = models.BooleanField(_("正确答案"), default=False)

    panels = [FieldPanel("text"), FieldPanel("is_correct")]

    class Meta(Orderable.Meta):
        verbose_name = _("选项")
        verbose_name_plural = _("选项")

    def __str__(self):
        return self.text


class QuizRule(Orderable):
    """Draw ``count`` questions tagged with a topic and/or an industry. No rules: draw from the whole bank."""

    course = ParentalKey("courses.CoursePage", on_delete=models.CASCADE, related_name="quiz_rules")
    topic = models.ForeignKey(
        LegalTopic,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("法律主题"),
    )
    industry = models.ForeignKey(
        "library.Industry",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("行业"),
    )
    count = models.PositiveSmallIntegerField(_("抽题数"), default=2)

    panels = [FieldPanel("topic"), FieldPanel("industry"), FieldPanel("count")]

    class Meta(Orderable.Meta):
        verbose_name = _("抽题规则")
        verbose_name_plural = _("抽题规则")


class QuizAttempt(models.Model):
    """One sitting of a course's quiz. The drawn questions and option order are frozen when it starts."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="quiz_attempts")
    number = models.PositiveSmallIntegerField(_("第几次"))
    # [{"question": id, "options": [option ids in the order shown]}, ...]
    drawn = models.JSONField(default=list)
    # {"<question id>": [option ids chosen]}
    answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(_("开始时间"))
    deadline = models.DateTimeField(_("截止时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("交卷时间"), null=True, blank=True)
    correct_count = models.PositiveSmallIntegerField(_("答对题数"), default=0)
    score = models.PositiveSmallIntegerField(_("得分"), default=0)
    passed = models.BooleanField(_("通过"), default=False)

    class Meta:
        verbose_name = _("测验记录")
        verbose_name_plural = _("测验记录")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course", "number"], name="courses_attempt_number_once")
        ]

    def __str__(self):
        return f"{self.user} · {self.course} #{self.number}"

    @property
    def question_ids(self):
        return [item["question"] for item in self.drawn]


class AnswerRecord(models.Model):
    """One scored answer of a submitted attempt, kept for the editors' "hardest questions" report."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="records")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answer_records")
    is_correct = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="courses_answer_once")]

    def __str__(self):
        return f"{self.attempt} · {self.question_id}"


class QuestionAdminForm(WagtailAdminModelForm):
    """Checks the options against the question type before anything is saved."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("options")
        if formset is not None and formset.is_valid():
            options = [
                Option(
                    text=form.cleaned_data.get("text", ""),
                    is_correct=form.cleaned_data.get("is_correct", False),
                )
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            try:
                Question(kind=cleaned.get("kind")).check_options(options)
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned


Question.base_form_class = QuestionAdminForm
