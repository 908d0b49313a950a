import pytest

from tests.drills.factories import make_guideline, make_industry, make_self_check

from .factories import make_firm, run_self_check


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def industry(db):
    return make_industry()


@pytest.fixture
def items(home, industry):
    return make_guideline(home, industry)


@pytest.fixture
def check_page(home, industry, items):
    return make_self_check(home, industry)


@pytest.fixture
def firm(industry):
    """(enterprise, officer, [staff, staff2])"""
    return make_firm(industry=industry, staff=["staff@example.com", "staff2@example.com"])


@pytest.fixture
def other_firm(industry):
    return make_firm("乐清另一鞋业有限公司", number=2, industry=industry, staff=["outsider@example.com"])


@pytest.fixture
def report(firm, check_page, items):
    """The staff member's self-check: the invoice red line not held (red), contracts partly (yellow)."""
    _enterprise, _officer, (staff, _staff2) = firm
    return run_self_check(staff, check_page, {items["invoice"].pk: "no", items["contract"].pk: "partly"})
