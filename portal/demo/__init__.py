"""Demo content for the portal (``site.yaml``): the home page, standard pages and site settings."""

from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from accounts.demo import ensure_user
from core import demodata
from portal import roles
from portal.models import FooterSettings, HomePage, NavigationSettings, StandardPage

# The roles people.yaml may name, and their groups (created by portal's data migration).
ROLES = {"editor": roles.EDITORS, "moderator": roles.MODERATORS, "legal_reviewer": roles.LEGAL_REVIEWERS}


def get_home():
    """The site's home page, created (once) in place of Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home:
        return home
    spec = demodata.read(__file__, "site")["home"]
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=spec["title"], slug=spec["slug"]))
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        old_root = site.root_page
        site.root_page = home
        site.hostname = "localhost"
        site.site_name = spec["title"]
        site.save()
        if old_root.specific_class is Page and old_root.pk != home.pk:
            old_root.delete()
    else:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name=spec["title"]
        )
    return home


def ensure_child(parent, model, slug, **fields):
    """Find a child page by slug, or create and publish it as an editor would (a revision, then publish)."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def home_body():
    """The demo home page's StreamField value: the hero and the section feeds."""
    return demodata.stream(demodata.read(__file__, "site")["home"]["body"])


def _links(links):
    return [("link", {"label": link["label"], "page": None, "url": link["url"]}) for link in links]


def ensure_back_office_people():
    """The back office's demo people (``people.yaml``; password: accounts.demo.DEMO_PASSWORD)."""
    for person in demodata.read(__file__, "people"):
        user = ensure_user(person["email"], person["name"])
        user.groups.add(Group.objects.get(name=ROLES[person["role"]]))


def load(stdout):
    data = demodata.read(__file__, "site")
    home = get_home()
    ensure_back_office_people()
    if not home.body:
        home.body = home_body()
        home.save_revision().publish()

    for page in data["pages"]:
        ensure_child(
            home,
            StandardPage,
            page["slug"],
            title=page["title"],
            intro=page["intro"],
            body=demodata.stream(page["body"]),
        )

    site = Site.objects.get(is_default_site=True)
    nav = NavigationSettings.for_site(site)
    if not nav.header_links:
        nav.header_links = _links(data["navigation"])
        nav.save()
    footer = FooterSettings.for_site(site)
    if not footer.contact:
        spec = data["footer"]
        footer.about = spec["about"]
        footer.links = _links(spec["links"])
        footer.contact = spec["contact"]
        footer.icp_number = spec["icp_number"]
        footer.save()
