"""Event pages: the /events/ index and one page per forum, salon, lecture or training."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts.choosers import person_chooser_viewset
from accounts.models import display_name
from accounts.services import membership_of
from core.blocks import BaseStreamBlock
from core.fragments import kept_cards, page_fragment
from core.i18n import in_visitor_language, source_page
from core.pages import SitePage, SitePageManager
from core.search import SearchablePage
from events import registration as registration_service
from events.blocks import AgendaStreamBlock, RelatedLinksBlock
from events.forms import RegistrationForm, StaffRegistrationForm
from events.models.registrations import Registration


class EventKind(models.TextChoices):
    FORUM = "forum", _("论坛")
    SALON = "salon", _("沙龙")
    LECTURE = "lecture", _("讲座")
    TRAINING = "training", _("培训")


class EventIndexPage(SitePage, SearchablePage, Page):
    """/events/: upcoming events by default, past ones on their own tab, filterable by kind and industry."""

    objects = SitePageManager()

    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    per_page = 12

    class Meta:
        verbose_name = _("活动列表页")
        verbose_name_plural = _("活动列表页")

    def events(self, tab="upcoming", kind="", industry=""):
        now = timezone.now()
        # A card shows none of the programme: it stays in the database.
        events = (
            EventPage.objects.live()
            .public()
            .child_of(source_page(self))
            .defer("body", "agenda", "related_links")
        )
        if tab == "past":
            events = events.filter(end_at__lt=now).order_by("-start_at")
        else:
            events = events.filter(end_at__gte=now).order_by("start_at")
        if kind:
            events = events.filter(kind=kind)
        if industry:
            events = events.filter(industries__code=industry)
        return events

    def get_context(self, request, *args, **kwargs):
        from library.filters import all_industries

        context = super().get_context(request, *args, **kwargs)
        tab = "past" if request.GET.get("tab") == "past" else "upcoming"
        kind = request.GET.get("kind", "")
        if kind not in EventKind.values:
            kind = ""
        industries = all_industries()
        industry = request.GET.get("industry", "")
        if industry not in {i.code for i in industries}:
            industry = ""
        paginator = Paginator(self.events(tab, kind, industry), self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        # Counted for the page's events only: counted in the listing's query, every upcoming
        # event's registrations were joined and grouped, twice (the paginator counts it too).
        events = list(page_obj.object_list)
        confirmed = registration_service.confirmed_counts(events)
        for event in events:
            event.confirmed_count = confirmed.get(event.pk, 0)
        page_obj.object_list = in_visitor_language(events, keep=("confirmed_count",))
        context.update(
            cards=kept_cards(
                self,
                page_obj.object_list,
                request,
                "event-card",
                lambda event: render_to_string("events/includes/event_card.html", {"event": event}, request),
                lambda cards: prefetch_related_objects(cards, "industries"),
            ),
            tab=tab,
            kind=kind,
            industry=industry,
            kinds=EventKind.choices,
            industries=industries,
            page_obj=page_obj,
            event_list=page_obj.object_list,
        )
        return context


class EventPage(SitePage, SearchablePage, RoutablePageMixin, Page):
    """A forum, salon, lecture or training session with registration."""

    objects = SitePageManager()

    kind = models.CharField(_("类型"), max_length=10, choices=EventKind.choices, default=EventKind.SALON)
    summary = models.TextField(_("简介"), help_text=_("一两句话，显示在列表、首页和搜索结果中"))
    start_at = models.DateTimeField(_("开始时间"))
    end_at = models.DateTimeField(_("结束时间"))
    venue = models.CharField(_("场地"), max_length=200, blank=True)
    address = models.CharField(_("地址"), max_length=255, blank=True)
    online_url = models.URLField(_("线上参会链接"), blank=True)
    industries = ParentalManyToManyField(
        "library.Industry", blank=True, related_name="events", verbose_name=_("相关行业")
    )
    capacity = models.PositiveIntegerField(_("名额"), default=50)
    registration_opens_at = models.DateTimeField(_("报名开始时间"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("报名截止时间"), null=True, blank=True, help_text=_("留空则在活动开始时截止")
    )
    requires_approval = models.BooleanField(_("报名需审核"), default=False)
    training_hours = models.DecimalField(
        _("学时"), max_digits=4, decimal_places=1, default=0, help_text=_("签到后计入参会者的学时")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("活动介绍"))
    agenda = StreamField(AgendaStreamBlock(), blank=True, verbose_name=_("议程"))
    related_links = StreamField(RelatedLinksBlock(), blank=True, verbose_name=_("相关指引与课程"))
    # Edited as child links through a searchable chooser of back-office people, read as a relation.
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="events.EventOrganiser",
        blank=True,
        related_name="organised_events",
        verbose_name=_("组织者"),
        help_text=_("可在后台管理本活动报名、签到和反馈的用户"),
    )
    organiser_group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("组织者用户组"),
        help_text=_("该用户组的成员也是本活动的组织者"),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("training_hours")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("online_url"),
            ],
            heading=_("时间与地点"),
        ),
        InlinePanel("speakers", label=_("嘉宾")),
        FieldPanel("industries"),
        FieldPanel("body"),
        FieldPanel("agenda"),
        FieldPanel("related_links"),
    ]
    registration_panels = [
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
                FieldPanel("requires_approval"),
            ],
            heading=_("报名"),
        ),
        InlinePanel("questions", label=_("报名问题")),
        MultiFieldPanel(
            [
                MultipleChooserPanel(
                    "organiser_links", chooser_field_name="user", heading=_("组织者"), label=_("组织者")
                ),
                FieldPanel("organiser_group"),
            ],
            heading=_("组织者"),
        ),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("内容")),
            ObjectList(registration_panels, heading=_("报名设置")),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("start_at"),
        index.FilterField("end_at"),
        index.RelatedFields("industries", [index.SearchField("name"), index.FilterField("code")]),
        index.RelatedFields("speakers", [index.SearchField("name"), index.SearchField("affiliation")]),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        # Upcoming (end_at >= now) by start, past newest first, and the calendar feed.
        indexes = [
            models.Index(fields=["end_at"], name="events_event_end_at"),
            models.Index(fields=["start_at"], name="events_event_start_at"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            errors["end_at"] = _("结束时间必须晚于开始时间。")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("报名截止时间必须晚于报名开始时间。")
        if not self.venue and not self.online_url:
            errors["venue"] = _("请填写场地或线上参会链接。")
        if errors:
            raise ValidationError(errors)

    # --- search contract (used by the search app) ---
    def search_industries(self):
        return self.industries.all()

    def search_period(self):
        return self.start_at, self.end_at or self.start_at

    @property
    def search_summary(self):
        return f"{self.get_kind_display()} · {self.when_display} · {self.where_display}。{self.summary}"

    @property
    def feed_summary(self):
        return f"{self.get_kind_display()} · {self.when_display} · {self.where_display}"

    # --- display helpers ---
    @property
    def when_display(self):
        start = timezone.localtime(self.start_at)
        end = timezone.localtime(self.end_at)
        if start.date() == end.date():
            return f"{date_format(start, 'DATETIME_FORMAT')}–{date_format(end, 'TIME_FORMAT')}"
        return f"{date_format(start, 'DATETIME_FORMAT')} – {date_format(end, 'DATETIME_FORMAT')}"

    @property
    def where_display(self):
        if self.venue:
            return self.venue
        return str(_("线上"))

    @property
    def is_past(self):
        return self.end_at < timezone.now()

    @property
    def registration_closes(self):
        return self.registration_closes_at or self.start_at

    def registration_state(self, now=None):
        """'not_open', 'open' or 'closed'."""
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_open"
        if now >= self.registration_closes or now >= self.end_at:
            return "closed"
        return "open"

    def confirmed_registrations(self):
        return self.registrations.filter(status="confirmed")

    def is_organiser(self, user):
        """Organisers and the creator of this event, plus users allowed to manage every event's registrations."""
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser or user.has_perm("events.view_all_registrations"):
            return True
        # Whoever created the event runs it, as in events.permissions.managed_events.
        if self.owner_id == user.pk or self.organisers.filter(pk=user.pk).exists():
            return True
        return bool(self.organiser_group_id and user.groups.filter(pk=self.organiser_group_id).exists())

    # --- routes ---
    def _staff_candidates(self, request):
        """The officer's enterprise members not yet registered, or None if the user is no officer."""
        membership = membership_of(request.user)
        if membership is None or not membership.is_officer:
            return None
        registered = (
            Registration.objects.filter(event=self)
            .exclude(status=Registration.Status.CANCELLED)
            .values("user_id")
        )
        return (
            get_user_model()
            .objects.filter(membership__enterprise_id=membership.enterprise_id)
            .exclude(pk__in=registered)
            .select_related("profile")
            .order_by("pk")
        )

    def _render_detail(self, request, form=None, staff_form=None, status=200):
        my_registration = None
        if request.user.is_authenticated:
            my_registration = (
                Registration.objects.filter(event=self, user=request.user)
                .exclude(status=Registration.Status.CANCELLED)
                .first()
            )
        counts = registration_service.counts(self)
        is_organiser = self.is_organiser(request.user)
        show_online = is_organiser or (my_registration is not None and my_registration.status == "confirmed")

        def render_main():
            values = {
                "page": self,
                "show_online": show_online,
                "speakers": list(self.speakers.all()),
                "industries": list(self.industries.all()),
            }
            return render_to_string("events/includes/event_main.html", values, request)

        context = {
            "registration_state": self.registration_state(),
            "my_registration": my_registration,
            "waitlist_position": (
                registration_service.waitlist_position(my_registration) if my_registration else None
            ),
            "counts": counts,
            "seats_left": max(self.capacity - counts["confirmed"], 0),
            "is_organiser": is_organiser,
            # The event's own part, kept as HTML (core.fragments) unless it shows the online link.
            "main_html": render_main()
            if show_online
            else page_fragment(self, request, "event-main", render_main),
        }
        if request.user.is_authenticated and my_registration is None:
            context["form"] = form or RegistrationForm(self)
        candidates = self._staff_candidates(request) if request.user.is_authenticated else None
        if candidates is not None:
            context["staff_form"] = staff_form or StaffRegistrationForm(candidates)
        response = self.render(request, context_overrides=context)
        response.status_code = status
        return response

    @path("")
    def detail(self, request):
        return self._render_detail(request)

    @path("register/")
    def register_view(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(self.url)
        if request.method != "POST":
            return redirect(self.url)
        form = RegistrationForm(self, request.POST)
        if form.is_valid():
            try:
                answers = registration_service.clean_answers(self, form.cleaned_data)
                registration = registration_service.register(
                    self, request.user, answers=answers, consent=True
                )
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
                return self._render_detail(request, form=form, status=400)
            messages.success(request, _status_message(registration))
            return redirect("events:ticket", registration.ticket_code)
        messages.error(request, gettext("报名信息有误，请检查后重新提交。"))
        return self._render_detail(request, form=form, status=400)

    @path("register-staff/")
    def register_staff_view(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(self.url)
        if request.method != "POST":
            return redirect(self.url)
        candidates = self._staff_candidates(request)
        if candidates is None:
            messages.error(request, gettext("只有企业合规专员可以为员工报名。"))
            return redirect(self.url)
        form = StaffRegistrationForm(candidates, request.POST)
        if form.is_valid():
            try:
                created, skipped = registration_service.register_staff(
                    self, request.user, form.cleaned_data["members"], consent=True
                )
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
                return self._render_detail(request, staff_form=form, status=400)
            confirmed = sum(1 for r in created if r.status == Registration.Status.CONFIRMED)
            messages.success(
                request,
                gettext("已为 %(n)d 名员工报名：%(c)d 人确认，%(w)d 人候补或待审核。")
                % {"n": len(created), "c": confirmed, "w": len(created) - confirmed},
            )
            if skipped:
                messages.info(
                    request,
                    gettext("以下员工已报名，未重复报名：%(names)s")
                    % {"names": "、".join(map(display_name, skipped))},
                )
            return redirect(self.url)
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return self._render_detail(request, staff_form=form, status=400)


def _status_message(registration):
    Status = Registration.Status
    return {
        Status.CONFIRMED: gettext("报名成功！确认邮件已发送，请凭票码签到。"),
        Status.WAITLISTED: gettext("名额已满，您已进入候补名单；有人取消时将按顺序递补并邮件通知。"),
        Status.PENDING: gettext("报名已提交，主办方审核后将邮件通知您。"),
    }.get(registration.status, "")


class EventSpeaker(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("姓名"), max_length=50)
    affiliation = models.CharField(_("单位与职务"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("affiliation")])]

    class Meta(Orderable.Meta):
        verbose_name = _("嘉宾")
        verbose_name_plural = _("嘉宾")

    def __str__(self):
        return self.name


class EventOrganiser(Orderable):
    """A person who runs this event in the admin (the through table of ``EventPage.organisers``)."""

    eventpage = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organiser_links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("组织者")
    )

    panels = [FieldPanel("user", widget=person_chooser_viewset.widget_class)]

    class Meta(Orderable.Meta):
        verbose_name = _("组织者")
        verbose_name_plural = _("组织者")
        constraints = [models.UniqueConstraint(fields=["eventpage", "user"], name="events_organiser_once")]

    def __str__(self):
        return display_name(self.user)
