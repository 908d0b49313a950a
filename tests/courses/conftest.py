import pytest

from courses import enrolment
from tests.conftest import make_user
from tests.courses.factories import build_course


@pytest.fixture
def course(home):
    return build_course(home)


@pytest.fixture
def enrolled(course, user):
    enrolment.enrol(user, course)
    return user


@pytest.fixture
def learner_client(client, enrolled):
    client.force_login(enrolled)
    return client


@pytest.fixture
def third_user(db):
    return make_user("third@example.com", real_name="王五")
