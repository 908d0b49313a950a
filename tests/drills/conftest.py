import pytest

from .factories import make_guideline, make_industry, make_scenario


@pytest.fixture
def industry(db):
    return make_industry()


@pytest.fixture
def items(home, industry):
    return make_guideline(home, industry)


@pytest.fixture
def scenario(home, industry, items):
    return make_scenario(home, industry, items)
