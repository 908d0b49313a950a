"""The state machine's graph rules, as plain functions."""

from courses.drills.flow import ChoiceSpec, Flow, StepSpec


def steps(*specs):
    return [StepSpec(key, branch, [ChoiceSpec(n) for n in nexts]) for key, branch, nexts in specs]


def test_default_flow_skips_branch_steps_and_branches_return_to_the_main_line():
    flow = Flow(steps(("a", False, ["", "esc"]), ("esc", True, [""]), ("b", False, [""]), ("c", False, [""])))
    assert flow.validate() == []
    assert flow.successor(0, "") == 2
    assert flow.successor(0, "esc") == 1
    assert flow.successor(1, "") == 2
    assert flow.successor(3, "") is None
    assert flow.remaining(0) == 3


def test_cycle_is_reported():
    flow = Flow(steps(("a", False, [""]), ("b", False, ["a"]), ("c", False, [""])))
    errors = flow.validate()
    assert len(errors) == 1 and "循环" in errors[0]


def test_self_loop_is_a_cycle():
    assert any("循环" in e for e in Flow(steps(("a", False, ["a", ""]))).validate())


def test_unknown_target_and_missing_choices_and_duplicate_keys():
    errors = Flow(steps(("a", False, ["nowhere"]), ("a", False, []))).validate()
    assert any("不存在的步骤" in e for e in errors)
    assert any("至少需要一个选项" in e for e in errors)
    assert any("重复" in e for e in errors)


def test_unreachable_branch_step():
    errors = Flow(steps(("a", False, [""]), ("orphan", True, [""]), ("b", False, [""]))).validate()
    assert len(errors) == 1 and "无法到达" in errors[0]


def test_first_step_cannot_be_a_branch():
    assert any("第一个步骤" in e for e in Flow(steps(("a", True, [""]))).validate())


def test_no_end_is_reported_when_every_path_loops():
    # Only reachable via a cycle, so the cycle is reported (and there is no end).
    errors = Flow(steps(("a", False, ["b"]), ("b", False, ["a"]))).validate()
    assert errors and "循环" in errors[0]


def test_empty_scenario():
    assert Flow([]).validate()
