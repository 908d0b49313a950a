"""Builders for rectification tests: firms with an officer and staff, and a self-check report with findings."""

from accounts.models import Enterprise, Membership
from accounts.validators import credit_code_check_char
from courses.drills.checkup import grade_answers, save_result
from tests.conftest import make_user


def credit_code(number):
    """A valid unified social credit code built from ``number``."""
    body = f"913303{number:011d}"
    return body + credit_code_check_char(body)


def make_firm(name="温州明履鞋业有限公司", number=1, industry=None, officer_email=None, staff=()):
    """An enterprise with one officer and the given staff e-mails; returns (enterprise, officer, [staff])."""
    enterprise = Enterprise.objects.create(
        name=name, credit_code=credit_code(number), size="small", industry=industry
    )
    officer = make_user(officer_email or f"officer{number}@example.com", real_name=f"专员{number}")
    Membership.objects.create(user=officer, enterprise=enterprise, role=Membership.Role.OFFICER)
    people = []
    for index, email in enumerate(staff):
        person = make_user(email, real_name=f"员工{number}-{index}")
        Membership.objects.create(user=person, enterprise=enterprise, role=Membership.Role.STAFF)
        people.append(person)
    return enterprise, officer, people


def run_self_check(user, page, answers, subject=""):
    """Save a self-check for ``user`` with ``answers`` ({item pk: answer}, default "yes")."""
    questions = page.questions()
    data = {f"item-{item.pk}": answers.get(item.pk, "yes") for item in questions}
    return save_result(user, page, grade_answers(questions, data), subject=subject)


def long_report_snapshot(tasks=14):
    """An issued report's snapshot with long Chinese text in every field (for the PDF tests)."""
    legal = "《中华人民共和国发票管理办法》第二十一条、第三十五条;《刑法》第二百零五条(虚开增值税专用发票罪)"
    return {
        "enterprise": "温州明履鞋业有限公司(鹿城区双屿街道鞋都产业园)",
        "credit_code": "91330300000000001X",
        "plan": "2026 年度合规体检整改计划(鞋革行业 · 财税与消防)",
        "industry": "鞋革",
        "created": "2026-03-02",
        "closed": "2026-06-18",
        "status": "已完成",
        "before": {"grade": "不合格", "percent": "42.5", "red": 3, "yellow": 5},
        "after": {"grade": "良好", "percent": "88.0", "red": 0, "yellow": 1},
        "rechecks": [
            {
                "date": "2026-06-18",
                "scope": "仅复查未通过的条目",
                "before_red": 3,
                "before_yellow": 5,
                "after_red": 0,
                "after_yellow": 1,
                "pass_rate": "88%",
                "grade": "良好",
            },
        ],
        "tasks": [
            {
                "position": n,
                "title": f"第{n}项:严禁接受无真实交易的增值税专用发票(“买单配票”),罚款 5 万元以上 50 万元以下",
                "level": "红灯" if n % 3 else "黄灯",
                "risk_area": "财税",
                "question": "是否存在向无真实货物往来的供应商取得发票、以票抵税的情形?",
                "answer": "部分存在",
                "legal_basis": legal,
                "remedy": "停止向无货供应商取票;对已取得的发票逐张核对“三流一致”,补开合规发票并作进项转出。"
                * 2,
                "status": "已完成",
                "owner": "员工1-0",
                "due": "2026-04-01",
                "completed": "2026-03-28",
                "done": "已停止向无货供应商取票,补开合规发票 12 份,进项转出 3.5 万元;财务部每月复核(50%—100% 抽查)。",
                "after_level": "绿灯",
                "evidence": [
                    {
                        "name": f"发票台账-{n}-2026年第一季度核对记录.pdf",
                        "sha256": f"{n:02d}" * 32,
                        "uploaded": "2026-03-20",
                    },
                    {"name": "进项转出申报表.xlsx", "sha256": "cd" * 32, "uploaded": "2026-03-27"},
                ],
            }
            for n in range(1, tasks + 1)
        ],
        "training": [
            {"person": "员工1-0", "hours": "3.50", "course_hours": "2.00", "event_hours": "1.50"},
            {"person": "专员1", "hours": "0.00", "course_hours": "0.00", "event_hours": "0.00"},
        ],
    }
