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
