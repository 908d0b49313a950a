"""Factories for event pages and registrations."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from events.models import EventIndexPage, EventPage, Registration


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "论坛沙龙"
    slug = "events"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"合规沙龙第{n}期")
    slug = factory.Sequence(lambda n: f"salon-{n}")
    kind = "salon"
    summary = "以案说法,讲解企业合规要点。"
    start_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    end_at = factory.LazyAttribute(lambda o: o.start_at + timedelta(hours=2))
    venue = "鹿城区司法局三楼会议室"
    capacity = 10
    training_hours = 2

    class Meta:
        model = EventPage


class RegistrationFactory(factory.django.DjangoModelFactory):
    event = None
    user = None
    status = Registration.Status.CONFIRMED
    consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Registration


def make_index(home):
    return EventIndexPageFactory(parent=home)


def make_event(index, **fields):
    return EventPageFactory(parent=index, **fields)


def make_tx_home():
    """A published HomePage as the default site's root, for transactional tests."""
    from wagtail.models import Page, Site

    from portal.models import HomePage

    home = HomePage(title="合规学堂", slug="home-test")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="合规学堂"
    )
    return home
