"""The header's navigation and the footer are rendered once per language and kept until what they
show changes: a setting, or a page a setting links to."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from portal.models import FooterSettings, NavigationSettings
from tests.portal.test_pages import add_standard_page


def signed_in_html(client, path="/"):
    # A signed-in visitor never gets the page cache, so each request renders the page.
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def header_links(site, *links):
    navigation = NavigationSettings.for_site(site)
    navigation.header_links = [("link", link) for link in links]
    navigation.save()


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


@pytest.mark.django_db
def test_header_and_footer_are_read_once_then_kept(user_client, site):
    about = add_standard_page(site.root_page, "about", "关于平台")
    header_links(site, {"label": "关于", "label_en": "About", "page": about, "url": ""})
    footer = FooterSettings.for_site(site)
    footer.contact = "咨询电话：0577-88000000"
    footer.save()
    signed_in_html(user_client)
    with CaptureQueriesContext(connection) as queries:
        html = signed_in_html(user_client)
    assert 'href="/about/">关于</a>' in html and "0577-88000000" in html
    read = " ".join(query["sql"] for query in queries)
    assert "portal_navigationsettings" not in read and "portal_footersettings" not in read


@pytest.mark.django_db
def test_saving_a_setting_shows_at_once(user_client, site):
    signed_in_html(user_client)
    header_links(site, {"label": "办事指南", "label_en": "", "page": None, "url": "/guide/"})
    footer = FooterSettings.for_site(site)
    footer.icp_number = "浙ICP备00000000号"
    footer.save()
    html = signed_in_html(user_client)
    assert 'href="/guide/">办事指南</a>' in html and "浙ICP备00000000号" in html


@pytest.mark.django_db
def test_each_language_has_its_own_header(user_client, site):
    header_links(site, {"label": "关于", "label_en": "About", "page": None, "url": "/about/"})
    assert ">关于</a>" in signed_in_html(user_client)
    user_client.cookies["django_language"] = "en"
    assert ">About</a>" in signed_in_html(user_client)


@pytest.mark.django_db
def test_a_linked_page_that_moves_or_goes_is_not_linked_to_where_it_was(user_client, client, site):
    guide = add_standard_page(site.root_page, "guide", "办事指南")
    header_links(site, {"label": "指南", "label_en": "", "page": guide, "url": ""})
    footer = FooterSettings.for_site(site)
    footer.links = [("link", {"label": "办事指南", "label_en": "", "page": guide, "url": ""})]
    footer.save()
    assert signed_in_html(user_client).count('href="/guide/"') == 2
    client.get("/")  # an anonymous visitor's copy of "/" is now in the page cache
    guide.slug = "handbook"
    guide.save_revision().publish()
    for html in (signed_in_html(user_client), signed_in_html(client)):
        assert 'href="/guide/"' not in html and html.count('href="/handbook/"') == 2
    guide.delete()
    for html in (signed_in_html(user_client), signed_in_html(client)):
        assert "/handbook/" not in html
