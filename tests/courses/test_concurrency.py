"""Capacity holds under concurrent enrolment: the course row is locked while seats are counted."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from courses import enrolment
from courses.models import Enrolment
from tests.conftest import make_user
from tests.courses.factories import build_course, make_home

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def home(transactional_db):
    return make_home()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks (PostgreSQL)")
def test_concurrent_enrolments_never_exceed_capacity(home):
    course = build_course(home, capacity=2, questions=0, lessons=0)
    users = [make_user(f"racer{n}@example.com") for n in range(8)]
    start = threading.Barrier(len(users))
    outcomes = []

    def enrol(user):
        try:
            start.wait()
            enrolment.enrol(user, course)
            outcomes.append("in")
        except ValidationError:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enrol, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("in") == 2 and outcomes.count("full") == 6
    assert Enrolment.objects.filter(course=course, status=Enrolment.Status.ACTIVE).count() == 2
