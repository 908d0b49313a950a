"""A list's filter form is kept as a fragment: each visitor sees their own choice, and a
publication that changes the options shows at once."""

import re

import pytest

from tests.library.factories import CasePageFactory, IndustryFactory, make_case_index

pytestmark = pytest.mark.django_db


def selected_years(html):
    form = html[html.index('<form class="filters"') :]
    form = form[: form.index("</form>")]
    select = form[form.index('name="year"') :]
    select = select[: select.index("</select>")]
    return re.findall(r'<option value="(\d+)"', select), re.findall(r'<option value="(\d+)" selected', select)


def test_each_filter_value_gets_its_own_form(client, home):
    index = make_case_index(home)
    industry = IndustryFactory(name="鞋革", code="shoes")
    CasePageFactory(parent=index, industry=industry, year=2022)
    CasePageFactory(parent=index, industry=industry, year=2023)
    for _visit in range(2):  # rendered, then kept
        assert selected_years(client.get(index.url, {"year": "2022"}).content.decode()) == (
            ["2023", "2022"],
            ["2022"],
        )
        assert selected_years(client.get(index.url, {"year": "2023"}).content.decode()) == (
            ["2023", "2022"],
            ["2023"],
        )
        assert selected_years(client.get(index.url).content.decode())[1] == []


def test_publishing_a_case_of_a_new_year_offers_it(client, home):
    index = make_case_index(home)
    CasePageFactory(parent=index, year=2022)
    assert selected_years(client.get(index.url).content.decode())[0] == ["2022"]
    CasePageFactory(parent=index, year=2024)  # published: the casebook's versions move on
    assert selected_years(client.get(index.url).content.decode())[0] == ["2024", "2022"]
