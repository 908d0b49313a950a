"""Demo content for the portal: the home page, standard pages and site settings."""

from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from accounts.demo import ensure_user
from portal.models import FooterSettings, HomePage, NavigationSettings, StandardPage
from portal.roles import EDITORS, LEGAL_REVIEWERS, MODERATORS

# The back office's demo people (password: accounts.demo.DEMO_PASSWORD), listed in the README.
BACK_OFFICE_PEOPLE = [
    ("editor@demo.example", "吴雨桐", EDITORS),  # 区司法局普法科编辑
    ("moderator@demo.example", "钱立群", MODERATORS),  # 业务审核
    ("legal@demo.example", "孙明哲", LEGAL_REVIEWERS),  # 法制审核
]


def get_home():
    """The site's home page, created (once) in place of Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="合规学堂", slug="home-zh"))
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        old_root = site.root_page
        site.root_page = home
        site.hostname = "localhost"
        site.site_name = "合规学堂"
        site.save()
        if old_root.specific_class is Page and old_root.pk != home.pk:
            old_root.delete()
    else:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="合规学堂")
    return home


def ensure_child(parent, model, slug, **fields):
    """Find a child page by slug, or create and publish it."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


HOME_BODY = [
    (
        "hero",
        {
            "title": "事前合规,胜过事后整改",
            "subtitle": "行业合规“红绿灯”指引、典型案例以案说法、视频课程、模拟执法检查实训与法治沙龙,帮助中小微企业“活下来、留得住、经营得好”。",
            "actions": [
                {"label": "查看行业指引", "page": None, "url": "/guidelines/"},
                {"label": "开始模拟检查", "page": None, "url": "/drills/"},
            ],
        },
    ),
    ("feed", {"heading": "行业合规指引", "kind": "guidelines", "count": 5}),
    ("feed", {"heading": "热门课程", "kind": "courses", "count": 4}),
    ("feed", {"heading": "近期活动", "kind": "events", "count": 4}),
    ("feed", {"heading": "典型案例", "kind": "cases", "count": 4}),
]


def ensure_back_office_people():
    for email, name, group_name in BACK_OFFICE_PEOPLE:
        user = ensure_user(email, name)
        user.groups.add(Group.objects.get(name=group_name))


def load(stdout):
    home = get_home()
    ensure_back_office_people()
    if not home.body:
        home.body = HOME_BODY
        home.save_revision().publish()

    ensure_child(
        home,
        StandardPage,
        "about",
        title="关于平台",
        intro="合规学堂是鹿城区创新行业企业合规机制改革试点的线上平台,由区司法局、区检察院、区工商联和行业协会共同运营。",
        body=[
            (
                "paragraph",
                "<p>平台围绕“办理一起案件、扶助一批企业、规范一个行业”的目标,推动合规建设由事后合规审查向事前合规建设转变。"
                "到2025年,行业协会“合规建设联系点”达5个以上,每年开展预防性法治教育20次、法律咨询服务60次,法治营商环境企业满意度达到90%以上。</p>",
            )
        ],
    )
    ensure_child(
        home,
        StandardPage,
        "privacy",
        title="隐私政策",
        intro="我们依据《中华人民共和国个人信息保护法》处理您的个人信息。",
        body=[
            (
                "paragraph",
                "<p>我们仅为提供培训、活动报名和法律咨询服务收集必要的个人信息(姓名、邮箱、手机号、所属企业)。"
                "您可以随时在“我的”页面下载个人数据或注销账户;注销后相关数据将被删除。</p>",
            )
        ],
    )

    site = Site.objects.get(is_default_site=True)
    nav = NavigationSettings.for_site(site)
    if not nav.header_links:
        nav.header_links = [
            ("link", {"label": label, "page": None, "url": url})
            for label, url in [
                ("合规指引", "/guidelines/"),
                ("典型案例", "/cases/"),
                ("视频课程", "/courses/"),
                ("模拟检查", "/drills/"),
                ("论坛沙龙", "/events/"),
                ("法律咨询", "/consult/"),
            ]
        ]
        nav.save()
    footer = FooterSettings.for_site(site)
    if not footer.contact:
        footer.about = "<p>合规学堂 · 温州市鹿城区行业企业合规建设委员会办公室 主办</p>"
        footer.links = [
            ("link", {"label": "关于平台", "page": None, "url": "/about/"}),
            ("link", {"label": "隐私政策", "page": None, "url": "/privacy/"}),
        ]
        footer.contact = "咨询电话:0577-88000000(工作日 8:30–17:00)"
        footer.icp_number = "浙ICP备00000000号(演示)"
        footer.save()
