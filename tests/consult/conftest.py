import shutil

import pytest

from accounts.models import Membership

from .factories import make_department, make_enterprise, make_member, make_staff


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    """Uploaded attachments go to a throw-away folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture
def desk(db):
    """Two departments with one member of staff each, two enterprises with an officer and staff."""

    class Desk:
        pass

    d = Desk()
    d.justice = make_department("区司法局", "justice", intake=True)
    d.market = make_department("区市场监管局", "market")
    d.justice_staff = make_staff(d.justice, "sfj@gov.example", "林志远")
    d.market_staff = make_staff(d.market, "scjg@gov.example", "吴海峰")
    d.firm = make_enterprise("明履鞋业")
    d.officer = make_member(d.firm, Membership.Role.OFFICER, "officer@firm.example", "张晓东")
    d.asker = make_member(d.firm, Membership.Role.STAFF, "asker@firm.example", "李婷")
    d.colleague = make_member(d.firm, Membership.Role.STAFF, "colleague@firm.example", "王建国")
    d.other_firm = make_enterprise("瓯江软件")
    d.other_officer = make_member(d.other_firm, Membership.Role.OFFICER, "chen@other.example", "陈思远")
    return d
