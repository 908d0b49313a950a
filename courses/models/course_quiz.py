"""The quiz side of a course page: what a learner sees after an attempt, the admin form that checks the
question bank can fill the quiz, and the learner's quiz and certificate routes (a mixin of CoursePage).

The rules they apply live in the services (courses/quiz/scoring.py, drawing.py, certificates.py).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.contrib.routable_page.models import path, re_path

from courses.certificates import current_certificate, render_pdf
from courses.models.quiz import Question, QuizAttempt, QuizRule
from courses.quiz import scoring
from courses.quiz.drawing import bank_problems


def messages_of(exc):
    return " ".join(exc.messages) if hasattr(exc, "messages") else str(exc)


class QuizReview(models.TextChoices):
    """What a learner sees after submitting an attempt (after Moodle's review options)."""

    SCORE = "score", _("仅显示得分")
    WRONG = "wrong", _("显示哪些题答错（不显示正确答案）")
    ANSWERS_WHEN_DONE = "when_done", _("通过或用完全部次数后显示正确答案与解析，此前只显示哪些题答错")
    ANSWERS = "answers", _("每次交卷后即显示正确答案与解析")


class CoursePageForm(WagtailAdminPageForm):
    """Refuses a quiz size or a draw rule that the course's question bank cannot satisfy."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned  # a new course has no question bank yet
        rules_formset = self.formsets.get("quiz_rules")
        if rules_formset is None or any(form.errors for form in rules_formset.forms):
            return cleaned
        rules = [
            QuizRule(
                topic=form.cleaned_data.get("topic"),
                industry=form.cleaned_data.get("industry"),
                count=form.cleaned_data.get("count") or 0,
            )
            for form in rules_formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        for message in bank_problems(self.instance, cleaned.get("quiz_question_count"), rules):
            if rules or "quiz_question_count" not in self.fields:
                self.add_error(None, message)
            else:
                self.add_error("quiz_question_count", message)
        return cleaned


class CourseQuizRoutes:
    """CoursePage's quiz and certificate routes; they use the page's ``_require_enrolled`` and ``_route_url``."""

    @path("quiz/", name="quiz")
    @method_decorator(never_cache)
    def quiz_view(self, request):
        if (refused := self._require_enrolled(request)) is not None:
            return refused
        if request.method == "POST":
            try:
                attempt = scoring.start_attempt(request.user, self)
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, messages_of(exc))
                return redirect(self._route_url(request, "quiz"))
            return redirect(self._route_url(request, "quiz_attempt", attempt.pk))
        attempts = list(scoring.attempts_of(request.user, self))
        cycle = scoring.current_cycle(request.user, self, attempts)
        lessons_ready = scoring.lessons_ready(request.user, self)
        return TemplateResponse(
            request,
            "courses/quiz.html",
            {
                "page": self,
                "course": self,
                "attempts": attempts,
                "open_attempt": scoring.open_attempt(request.user, self),
                "attempts_left": max(0, self.quiz_max_attempts - len(cycle)),
                "passed": any(a.passed for a in cycle),
                "renewal": scoring.renewal_since(request.user, self) is not None,
                "has_questions": scoring.has_questions(self),
                "lessons_ready": lessons_ready,
            },
        )

    @re_path(r"^quiz/(?P<attempt_id>\d+)/$", name="quiz_attempt")
    @method_decorator(never_cache)
    def quiz_attempt_view(self, request, attempt_id):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # Only the learner's own attempt: someone else's id is simply not found.
        attempt = QuizAttempt.objects.filter(pk=int(attempt_id), user=request.user, course=self).first()
        if attempt is None:
            raise Http404(gettext("找不到该测验记录。"))
        if request.method == "POST":
            try:
                attempt = scoring.submit(request.user, attempt.pk, scoring.answers_from_post(request.POST))
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, messages_of(exc))
                return redirect(self._route_url(request, "quiz_attempt", attempt.pk))
            if attempt.passed:
                messages.success(request, gettext("恭喜，测验通过！"))
            else:
                messages.warning(request, gettext("未达到及格分，请复习课程后再试。"))
            return redirect(self._route_url(request, "quiz_attempt", attempt.pk))
        if attempt.submitted_at:
            level = scoring.review_level(attempt)
            return TemplateResponse(
                request,
                "courses/quiz_review.html",
                {
                    "page": self,
                    "course": self,
                    "attempt": attempt,
                    "level": level,
                    "total": len(attempt.drawn),
                    "items": scoring.review(attempt, level),
                    "certificate": current_certificate(request.user, self) if attempt.passed else None,
                },
            )
        if scoring.is_expired(attempt):
            messages.error(request, gettext("已超过答题时限，本次测验作废。"))
            return redirect(self._route_url(request, "quiz"))
        questions = {
            q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related("options")
        }
        items = []
        for entry in attempt.drawn:
            question = questions.get(entry["question"])
            if question:
                options = {option.pk: option for option in question.options.all()}
                items.append(
                    {
                        "question": question,
                        "options": [options[pk] for pk in entry["options"] if pk in options],
                    }
                )
        return TemplateResponse(
            request,
            "courses/quiz_attempt.html",
            {"page": self, "course": self, "attempt": attempt, "items": items},
        )

    # Certificate -------------------------------------------------------------------------------

    @path("certificate/", name="certificate_pdf")
    def certificate_pdf_view(self, request):
        # The PDF layout (fpdf2 and fontTools) loads only in a process that renders a PDF.
        from core.pdf import pdf_response

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        certificate = current_certificate(request.user, self)
        if certificate is None:
            raise Http404(gettext("您还没有该课程的有效证书。"))
        pdf = render_pdf(certificate)
        return pdf_response(
            pdf,
            f"结业证书-{certificate.course_title}-{certificate.code[:8]}.pdf",
            f"certificate-{certificate.code[:8]}.pdf",
        )
