import pytest

from tests.library.factories import CaseIndexPageFactory, GuidelineIndexPageFactory, RiskAreaFactory


@pytest.fixture
def guideline_index(home):
    return GuidelineIndexPageFactory(parent=home)


@pytest.fixture
def case_index(home):
    return CaseIndexPageFactory(parent=home)


@pytest.fixture
def risk_areas(db):
    return {
        "safety": RiskAreaFactory(code="safety", name="安全生产"),
        "labour": RiskAreaFactory(code="labour", name="劳动用工"),
    }
