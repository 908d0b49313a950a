"""The page tree's rules for every page type: where each may live, what it may hold, how many."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from wagtail.models import Page, Site, get_page_models
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.drills.models import DrillIndexPage, DrillPage, SelfCheckPage
from courses.models import CourseIndexPage, CoursePage
from events.models import EventIndexPage, EventPage
from library.models import (
    CaseIndexPage,
    CasePage,
    FlexibleEnforcementPage,
    GuidelineIndexPage,
    GuidelinePage,
)
from portal.models import HomePage, StandardPage
from tests.library.factories import CaseIndexPageFactory, CasePageFactory

PROJECT_APPS = {
    app.label
    for app in apps.get_app_configs()
    if Path(app.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in Path(app.path).parts
}
INDEXES = [GuidelineIndexPage, CaseIndexPage, CourseIndexPage, DrillIndexPage, EventIndexPage]

# page type: (allowed parents, allowed children)
TREE = {
    HomePage: ({Page}, {StandardPage, *INDEXES}),
    StandardPage: ({HomePage, StandardPage}, {StandardPage}),
    GuidelineIndexPage: ({HomePage}, {GuidelinePage, FlexibleEnforcementPage}),
    GuidelinePage: ({GuidelineIndexPage}, set()),
    FlexibleEnforcementPage: ({GuidelineIndexPage}, set()),
    CaseIndexPage: ({HomePage}, {CasePage}),
    CasePage: ({CaseIndexPage}, set()),
    CourseIndexPage: ({HomePage}, {CoursePage}),
    CoursePage: ({CourseIndexPage}, set()),
    DrillIndexPage: ({HomePage}, {DrillPage, SelfCheckPage}),
    DrillPage: ({DrillIndexPage}, set()),
    SelfCheckPage: ({DrillIndexPage}, set()),
    EventIndexPage: ({HomePage}, {EventPage}),
    EventPage: ({EventIndexPage}, set()),
}


def label(model):
    return f"{model._meta.app_label}.{model.__name__}"


class PageTreeRulesTest(WagtailPageTestCase):
    def test_every_project_page_type_has_its_rules_here(self):
        project_pages = {model for model in get_page_models() if model._meta.app_label in PROJECT_APPS}
        self.assertEqual(
            sorted(map(label, project_pages)),
            sorted(map(label, TREE)),
            "a page type was added or removed: give it its row in TREE",
        )

    def test_allowed_parents(self):
        for model, (parents, _children) in TREE.items():
            with self.subTest(page=label(model)):
                self.assertAllowedParentPageTypes(model, parents)

    def test_allowed_children(self):
        for model, (_parents, children) in TREE.items():
            with self.subTest(page=label(model)):
                self.assertAllowedSubpageTypes(model, children)

    def test_can_create_at_only_where_allowed(self):
        for parent in [Page, *TREE]:
            allowed = {HomePage} if parent is Page else TREE[parent][1]
            for child in TREE:
                with self.subTest(parent=label(parent), child=label(child)):
                    if child in allowed:
                        self.assertCanCreateAt(parent, child)
                    else:
                        self.assertCanNotCreateAt(parent, child)


class PageCountsTest(WagtailPageTestCase):
    """One home per tree level, one of each section index per home."""

    @classmethod
    def setUpTestData(cls):
        cls.root = Page.get_first_root_node()
        cls.home = cls.root.add_child(instance=HomePage(title="合规学堂", slug="tree-home"))
        Site.objects.update(root_page=cls.home)

    def test_a_section_index_is_created_once_under_the_home(self):
        for index in INDEXES:
            with self.subTest(index=label(index)):
                self.assertTrue(index.can_create_at(self.home))
                self.home.add_child(
                    instance=index(title=index._meta.verbose_name, slug=index.__name__.lower())
                )
                self.assertFalse(index.can_create_at(self.home), "a second index of the same section")

    def test_one_home_page_under_the_root(self):
        self.assertFalse(HomePage.can_create_at(self.root))
        self.assertFalse(HomePage.can_create_at(self.home))

    def test_pages_take_no_children_where_the_tree_allows_none(self):
        case = CasePageFactory(parent=CaseIndexPageFactory(parent=self.home))
        self.assertEqual(case.specific_class.allowed_subpage_models(), [])
        self.assertFalse(CasePage.can_create_at(case))
        self.assertFalse(CasePage.can_create_at(self.home))

    def test_an_editor_creates_a_standard_page_under_the_home(self):
        self.login()
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "关于我们",
                    "slug": "about",
                    "intro": "区合规学堂的简介",
                    "body": streamfield([]),
                }
            ),
        )
        page = StandardPage.objects.get(slug="about")
        self.assertEqual(page.get_parent().specific, self.home)
        self.assertTrue(page.live)
