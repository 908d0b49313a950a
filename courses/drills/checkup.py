"""Self-check (合规体检) rules: the questionnaire form, grading and saving a signed-in user's result."""

import re
from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models.checkups import SelfCheckAnswer, SelfCheckResult
from .scoring import Answer, self_check_level, self_check_points

FIELD_RE = re.compile(r"^item-(\d+)$")


def field_name(item):
    return f"item-{item.pk}"


class SelfCheckForm(forms.Form):
    """One required yes / partly / no / not-applicable question per guideline item."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for item in questions:
            self.fields[field_name(item)] = forms.ChoiceField(
                label=item.title,
                choices=Answer.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": gettext_lazy("请回答此项。"),
                    "invalid_choice": gettext_lazy("请选择“是”“部分”“否”或“不适用”。"),
                },
            )

    def clean(self):
        cleaned = super().clean()
        known = {str(item.pk) for item in self.questions}
        unknown = [
            m.group(1) for key in self.data.keys() if (m := FIELD_RE.match(key)) and m.group(1) not in known
        ]
        if unknown:
            raise forms.ValidationError(
                _(
                    "提交的答卷包含本体检之外的条目（编号 %(ids)s），可能是页面已过期。请刷新页面后重新填写，本次未保存。"
                )
                % {"ids": "、".join(sorted(unknown))}
            )
        missing = [name for name in self.fields if name in self.errors]
        if missing:
            raise forms.ValidationError(
                _("还有 %(count)s 项未作答或答案无效，请补全后再提交，本次未保存。") % {"count": len(missing)}
            )
        return cleaned

    def sections(self):
        """Bound fields grouped by risk area, in questionnaire order."""
        groups = []
        for item in self.questions:
            name = item.risk_area.name if item.risk_area_id else ""
            if not groups or groups[-1][0] != name:
                groups.append((name, []))
            groups[-1][1].append((item, self[field_name(item)]))
        return groups


@dataclass
class GradedAnswer:
    position: int
    item: object
    section: str
    answer: str
    level: str
    score: int
    max_score: int


def grade_answers(questions, cleaned_data):
    """Grade each answered item by its level (see scoring.self_check_points)."""
    graded = []
    for position, item in enumerate(questions, start=1):
        answer = cleaned_data[field_name(item)]
        earned, possible = self_check_points(item.level, answer)
        graded.append(
            GradedAnswer(
                position=position,
                item=item,
                section=item.risk_area.name if item.risk_area_id else "",
                answer=answer,
                level=self_check_level(item.level, answer),
                score=earned,
                max_score=possible,
            )
        )
    return graded


@transaction.atomic
def save_result(user, page, graded, subject=""):
    """Store a signed-in user's self-check with its figures; returns the SelfCheckResult."""
    result = SelfCheckResult(
        user=user, page=page, industry_id=page.industry_id, title=page.title, subject=subject
    )
    result.set_figures((g.score, g.max_score, g.level) for g in graded)
    result.save()
    SelfCheckAnswer.objects.bulk_create(
        SelfCheckAnswer(
            result=result,
            position=g.position,
            item=g.item,
            item_title=g.item.title[:200],
            item_level=g.item.level,
            section=g.section[:50],
            answer=g.answer,
            level=g.level,
            score=g.score,
            max_score=g.max_score,
        )
        for g in graded
    )
    return result
