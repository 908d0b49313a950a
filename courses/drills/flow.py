"""The drill state machine's graph, as plain functions over simple step descriptions.

A scenario is an ordered list of steps. Each choice of a step either names the
step it leads to (``next_key``) or follows the default flow: the next step in
order that is not a branch-only step. A step with no successor ends the drill.
The admin form and the run engine both use these functions, so what an editor
validates is exactly what a trainee walks through.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class ChoiceSpec:
    next_key: str = ""


@dataclass
class StepSpec:
    key: str
    is_branch: bool = False
    choices: list = field(default_factory=list)
    label: str = ""

    @property
    def name(self):
        return self.label or self.key


class Flow:
    """The transition graph of one scenario: ``steps`` in their authored order."""

    def __init__(self, steps):
        self.steps = list(steps)
        self.index = {}
        for position, step in enumerate(self.steps):
            self.index.setdefault(step.key, position)

    def first(self):
        return 0 if self.steps else None

    def default_next(self, position):
        """The next step in order that is not reached only by branching, or None (the end)."""
        for candidate in range(position + 1, len(self.steps)):
            if not self.steps[candidate].is_branch:
                return candidate
        return None

    def successor(self, position, next_key=""):
        """Where a choice with ``next_key`` on the step at ``position`` leads (None = end)."""
        if next_key:
            return self.index.get(next_key)
        return self.default_next(position)

    def edges(self, position):
        return {self.successor(position, choice.next_key) for choice in self.steps[position].choices}

    def remaining(self, position):
        """How many steps the default flow still has from ``position`` (inclusive): a progress estimate."""
        count = 0
        seen = set()
        while position is not None and position not in seen:
            seen.add(position)
            count += 1
            position = self.default_next(position)
        return count

    def validate(self):
        """Every problem that would make the scenario unplayable, as messages (empty when fine)."""
        errors = []
        if not self.steps:
            return [_("至少需要一个检查步骤。")]
        seen = set()
        for step in self.steps:
            if not step.key:
                errors.append(_("每个步骤都需要填写步骤代码。"))
            elif step.key in seen:
                errors.append(_("步骤代码“%(key)s”重复，同一演练内必须唯一。") % {"key": step.key})
            seen.add(step.key)
        if self.steps[0].is_branch:
            errors.append(_("第一个步骤不能设为“仅由分支进入”。"))
        for step in self.steps:
            if not step.choices:
                errors.append(_("步骤“%(step)s”至少需要一个选项。") % {"step": step.name})
            for choice in step.choices:
                if choice.next_key and choice.next_key not in self.index:
                    errors.append(
                        _("步骤“%(step)s”的选项指向不存在的步骤“%(key)s”（只能指向本演练内的步骤）。")
                        % {"step": step.name, "key": choice.next_key}
                    )
        if errors:
            return errors
        cycle = self._find_cycle()
        if cycle is not None:
            names = " → ".join(self.steps[p].name for p in cycle)
            errors.append(_("步骤之间形成了循环：%(path)s。演练必须能够结束。") % {"path": names})
            return errors
        reachable = self._reachable()
        for position, step in enumerate(self.steps):
            if position not in reachable:
                errors.append(
                    _("步骤“%(step)s”无法到达：没有任何选项或默认顺序通向它。") % {"step": step.name}
                )
        if not any(None in self.edges(p) for p in reachable):
            errors.append(_("演练没有结束步骤：至少要有一个步骤的选项不再通向其他步骤。"))
        return errors

    def _reachable(self):
        todo, seen = [0], {0}
        while todo:
            for target in self.edges(todo.pop()):
                if target is not None and target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    def _find_cycle(self):
        white, grey, black = 0, 1, 2
        colour = [white] * len(self.steps)
        stack_path = []

        def visit(position):
            colour[position] = grey
            stack_path.append(position)
            for target in sorted(t for t in self.edges(position) if t is not None):
                if colour[target] == grey:
                    return stack_path[stack_path.index(target) :] + [target]
                if colour[target] == white:
                    found = visit(target)
                    if found:
                        return found
            stack_path.pop()
            colour[position] = black
            return None

        for position in range(len(self.steps)):
            if colour[position] == white:
                found = visit(position)
                if found:
                    return found
        return None
