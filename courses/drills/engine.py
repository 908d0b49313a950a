"""Running a drill: start or resume a run, answer its current step, finish and score it.

Every rule is enforced here, on the server, inside a transaction that locks the
run row: the client only says which choice it picked for which step.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .flow import ChoiceSpec, Flow, StepSpec
from .models.runs import DrillAnswer, DrillRun
from .models.steps import DrillChoice


class DrillError(Exception):
    """A refused action, with a message for the trainee; nothing was changed."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class ScenarioFlow:
    """A scenario's steps (with choices) and its transition graph."""

    steps: list
    flow: Flow

    @classmethod
    def load(cls, scenario):
        steps = scenario.flow_steps()
        specs = [
            StepSpec(
                key=step.key,
                is_branch=step.is_branch,
                choices=[ChoiceSpec(choice.next_step_key) for choice in step.choices.all()],
                label=step.title,
            )
            for step in steps
        ]
        return cls(steps, Flow(specs))

    @property
    def playable(self):
        """Whether the steps form a valid drill (an unplayable one cannot be started)."""
        return bool(self.steps) and not self.flow.validate()

    def position_of(self, step_id):
        for position, step in enumerate(self.steps):
            if step.pk == step_id:
                return position
        return None

    def next_step(self, step, choice):
        position = self.position_of(step.pk)
        target = self.flow.successor(position, choice.next_step_key)
        return None if target is None else self.steps[target]

    def remaining(self, step):
        position = self.position_of(step.pk) if step else None
        return 0 if position is None else self.flow.remaining(position)


@transaction.atomic
def start_run(user, scenario):
    """The user's open run of ``scenario`` (resumed), or a new run at its first step."""
    if not user.is_authenticated:
        raise DrillError(_("请先登录再开始模拟检查。"))
    if not scenario.live:
        raise DrillError(_("该模拟检查尚未发布。"))
    existing = DrillRun.objects.filter(
        user=user, scenario=scenario, status=DrillRun.Status.IN_PROGRESS
    ).first()
    if existing and existing.current_step_id is None:
        # Its step was removed by an editor: close it with what was answered and start afresh.
        _finish(existing)
        existing.save()
    elif existing:
        return existing, False
    loaded = ScenarioFlow.load(scenario)
    if not loaded.playable:
        raise DrillError(_("该模拟检查的步骤设置不完整，暂时无法开始，请联系管理员。"))
    try:
        with transaction.atomic():
            run = DrillRun.objects.create(user=user, scenario=scenario, current_step=loaded.steps[0])
    except IntegrityError:
        # A concurrent request opened the run first: resume that one.
        run = DrillRun.objects.get(user=user, scenario=scenario, status=DrillRun.Status.IN_PROGRESS)
        return run, False
    return run, True


def answer_step(run_id, user, step_id, choice_id):
    """Record the user's choice for the run's current step and move on; returns the DrillAnswer.

    Refused (DrillError, nothing changed) when the run is not theirs, is finished,
    the step is not the current one (already answered or out of order), or the
    choice does not belong to the step.
    """
    with transaction.atomic():
        run = (
            DrillRun.objects.select_for_update().filter(pk=run_id, user_id=getattr(user, "pk", None)).first()
        )
        if run is None:
            raise DrillError(_("找不到该演练记录。"))
        if run.status == DrillRun.Status.COMPLETED:
            raise DrillError(_("本次演练已经结束，答案不能再修改。"))
        if run.answers.filter(step_id=step_id).exists():
            raise DrillError(_("该步骤已经作答，答案提交后不能修改。"))
        if run.current_step_id is None or run.current_step_id != step_id:
            raise DrillError(_("请按检查顺序作答：只能回答当前步骤。"))
        choice = DrillChoice.objects.filter(pk=choice_id, step_id=step_id).select_related("step").first()
        if choice is None:
            raise DrillError(_("请选择本步骤中的一个选项。"))
        scenario = run.scenario
        loaded = ScenarioFlow.load(scenario)
        step = loaded.steps[loaded.position_of(step_id)]
        try:
            with transaction.atomic():
                answer = DrillAnswer.objects.create(
                    run=run,
                    position=run.answers.count() + 1,
                    step=step,
                    choice=choice,
                    phase=step.phase,
                    step_title=step.title,
                    question=step.inspector_says,
                    choice_text=choice.text,
                    score=choice.score,
                    max_score=step.max_score,
                    level=choice.level,
                    feedback=choice.feedback,
                )
        except IntegrityError:
            # The unique (run, step) constraint caught a concurrent duplicate the lock did not.
            raise DrillError(_("该步骤已经作答，答案提交后不能修改。"))
        answer.guideline_items.set(choice.guideline_items.all())
        run.current_step = loaded.next_step(step, choice)
        if run.current_step is None:
            _finish(run)
        run.save()
        return answer


def _finish(run):
    """Close the run and compute its figures from the stored answers (the server's, not the client's)."""
    run.set_figures(run.answers.values_list("score", "max_score", "level"))
    run.status = DrillRun.Status.COMPLETED
    run.finished_at = timezone.now()


def progress(run, loaded=None):
    """(answered, estimated total) for a progress bar; the total follows the default flow."""
    answered = run.answers.count()
    if run.is_completed:
        return answered, answered
    loaded = loaded or ScenarioFlow.load(run.scenario)
    return answered, answered + loaded.remaining(run.current_step)
