"""The main pages on a phone and on a desktop, in Chinese and in English, on the demo site.

Each page must fit its viewport (no horizontal scrolling), keep the header within a fifth of
the screen's height (on one line, with the search box's whole placeholder, on the desktop),
keep phone numbers whole, open a phone menu whose every item is in reach and 44 px each way,
and pass axe-core with no serious or critical violation. A full-page screenshot of every page
(and of the opened phone menu of two) is saved under ``build/screens/`` (gitignored; CI keeps it).
"""

import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.slow]

SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens"
VIEWPORTS = [{"width": 360, "height": 740}, {"width": 1280, "height": 800}]  # a phone, a desktop
OFFICER = "zhang.officer@demo.example"  # the demo's compliance officer of a footwear firm
DEMO_PASSWORD = "demo-user-2026"

# What axe-core fails a page on.
FAILING_IMPACTS = {"serious", "critical"}

# Elements wider than the viewport, for the failure message.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1) {
      let scroller = el.parentElement;
      while (scroller && getComputedStyle(scroller).overflowX === "visible") scroller = scroller.parentElement;
      if (scroller && scroller !== document.body && scroller !== document.documentElement) continue;
      const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
      found.push(name + " right=" + Math.round(box.right));
      if (found.length >= 5) break;
    }
  }
  return found;
}"""


# Table cells squeezed to a character or two per line (a wide table should scroll in its box).
SQUEEZED_CELLS = """() => [...document.querySelectorAll("main table td, main table th")]
  .filter((cell) => cell.textContent.trim().length > 2 && cell.getBoundingClientRect().width < 56)
  .slice(0, 5).map((cell) => cell.textContent.trim().slice(0, 12))"""


# Header items that are not on the header's one line: each must cross the header's middle.
OFF_THE_HEADER_LINE = """() => {
  const header = document.querySelector("header.site-header").getBoundingClientRect();
  const middle = header.top + header.height / 2;
  return [...document.querySelectorAll(
    "header .brand, header .main-nav a, header .header-search input, header .account-nav > a, header .account-nav button"
  )].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.top > middle || box.bottom < middle;
  }).map((el) => el.textContent.trim() || el.getAttribute("placeholder"));
}"""

# The search box's placeholder when it is wider than the box shows.
CUT_PLACEHOLDER = """() => {
  const input = document.querySelector("header .header-search input");
  const style = getComputedStyle(input);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return context.measureText(input.placeholder).width > room + 0.5 ? input.placeholder : null;
}"""

# Phone numbers and ranges that a line broke inside (core_tags.keep_numbers_whole).
BROKEN_NUMBERS = """() => [...document.querySelectorAll(".tel, .nowrap")]
  .filter((el) => el.getClientRects().length > 1).map((el) => el.textContent)"""

# What the opened phone menu offers, each scrolled into view: whether a tap at its centre reaches it,
# and its size.
MENU_ITEMS = """() => [...document.querySelectorAll("#site-menu a, #site-menu button, #site-menu input:not([type=hidden])")].map((el) => {
  el.scrollIntoView({block: "center"});
  const box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    label: el.textContent.trim() || el.getAttribute("placeholder"),
    reachable: box.width > 0 && box.left >= 0 && box.right <= window.innerWidth && !!hit && el.contains(hit),
    width: Math.round(box.width), height: Math.round(box.height),
  };
})"""
TOUCH_TARGET = 44  # px, each way
MENU_SHOTS = {"home", "me"}  # pages whose opened phone menu is also kept as a screenshot


def demo_pages():
    """(name, path, signed in) of the main pages, in the demo's content."""
    from courses.models import Enrolment, Lesson

    enrolment = Enrolment.objects.filter(user__email=OFFICER).select_related("course").first()
    course = enrolment.course
    lesson = Lesson.objects.filter(course=course).order_by("sort_order").first()
    course_url = course.url_path.split("/", 2)[2]  # below the site's root page
    return [
        ("home", "/", False),
        ("guideline-index", "/guidelines/", False),
        ("guideline", "/guidelines/footwear/", False),
        ("case-index", "/cases/", False),
        ("case", "/cases/footwear-vat-invoices/", False),
        ("course-index", "/courses/", False),
        ("course", f"/{course_url}", False),
        ("drill-index", "/drills/", False),
        ("drill", "/drills/footwear-joint-inspection/", False),
        ("self-check", "/drills/self-check-footwear/", False),
        ("event-index", "/events/", False),
        ("event", "/events/bailu-forum/", False),
        ("search", "/search/?q=%E5%8F%91%E7%A5%A8", False),  # 发票
        ("sign-in", "/accounts/login/", False),
        ("lesson", f"/{course_url}lessons/{lesson.pk}/", True),
        ("consult", "/consult/", True),
        ("me", "/me/", True),
    ]


def check_page(page, name, problems, axe):
    """Record what is wrong with the page now shown."""
    viewport = page.viewport_size
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    inner_width = page.evaluate("window.innerWidth")
    if scroll_width > inner_width:
        problems.append(
            f"{name}: scrolls sideways ({scroll_width} > {inner_width} px): {page.evaluate(OVERFLOWING)}"
        )
    squeezed = page.evaluate(SQUEEZED_CELLS)
    if squeezed:
        problems.append(f"{name}: table cells squeezed under 56 px: {squeezed}")
    header = page.locator("header.site-header").bounding_box()
    if header is None:
        problems.append(f"{name}: no site header")
    elif header["height"] > 0.2 * viewport["height"]:
        problems.append(f"{name}: header {header['height']:.0f} px tall (over 20% of {viewport['height']})")
    elif viewport["width"] >= 1280:
        off_line = page.evaluate(OFF_THE_HEADER_LINE)
        if off_line:
            problems.append(f"{name}: header on more than one line at {viewport['width']} px: {off_line}")
        cut = page.evaluate(CUT_PLACEHOLDER)
        if cut:
            problems.append(f"{name}: search placeholder cut: {cut!r}")
    broken = page.evaluate(BROKEN_NUMBERS)
    if broken:
        problems.append(f"{name}: phone numbers or ranges broken across lines: {broken}")
    if axe is not None:
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in FAILING_IMPACTS:
                targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:4]]
                problems.append(f"{name}: axe {violation['impact']} {violation['id']}: {targets}")


def check_phone_menu(page, name, problems):
    """Open the phone menu: every link, the search box and the account links in reach, 44 px each way."""
    toggle = page.locator("header [data-menu-toggle]")
    box = toggle.bounding_box()
    if box is None:
        problems.append(f"{name}: no menu button")
        return
    if box["width"] < TOUCH_TARGET or box["height"] < TOUCH_TARGET:
        problems.append(f"{name}: menu button {box['width']:.0f}×{box['height']:.0f} px")
    toggle.click()
    if toggle.get_attribute("aria-expanded") != "true":
        problems.append(f"{name}: the menu button does not say the menu is open")
    items = page.evaluate(MENU_ITEMS)
    if len([item for item in items if item["reachable"]]) < 8:  # six sections, the search box, a language
        problems.append(f"{name}: the open menu offers {len(items)} items: {items}")
    for item in items:
        if not item["reachable"]:
            problems.append(f"{name}: open menu: {item['label']!r} out of reach")
        elif min(item["width"], item["height"]) < TOUCH_TARGET:
            problems.append(f"{name}: open menu: {item['label']!r} is {item['width']}×{item['height']} px")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_main_pages_fit_phone_and_desktop_and_pass_axe(browser, live_server, language):
    call_command("load_demo", stdout=io.StringIO())
    pages = demo_pages()
    SCREENS.mkdir(parents=True, exist_ok=True)
    axe = Axe()
    problems = []

    def csp_blocked(message):
        # Chromium reports what the Content-Security-Policy blocked as console errors.
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(f"{language}: blocked by the Content-Security-Policy: {message.text}")

    for viewport in VIEWPORTS:
        context = browser.new_context(locale="zh-CN", viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(30000)
        page.on("console", csp_blocked)
        try:
            page.goto(f"{live_server.url}/language/{language}/?next=/")
            expected_lang = {"zh-hans": "zh-Hans", "en": "en"}[language]
            assert page.locator("html").get_attribute("lang") == expected_lang
            signed_in = False
            for name, path, needs_user in pages:
                if needs_user and not signed_in:
                    page.goto(f"{live_server.url}/accounts/login/")
                    page.fill("input[name=login]", OFFICER)
                    page.fill("input[name=password]", DEMO_PASSWORD)
                    page.click("main form button[type=submit]")
                    page.wait_for_load_state("networkidle")
                    signed_in = True
                response = page.goto(live_server.url + path)
                page.wait_for_load_state("load")
                label = f"{language} {viewport['width']}px {name} ({path})"
                if response.status != 200 or (needs_user and "/accounts/login/" in page.url):
                    problems.append(f"{label}: answered {response.status} at {page.url}")
                    continue
                check_page(page, label, problems, axe)
                shot = f"{language}-{viewport['width']}-{name}"
                page.screenshot(path=SCREENS / re.sub(r"[^\w.-]", "_", shot + ".png"), full_page=True)
                if viewport["width"] < 768:
                    check_phone_menu(page, label, problems)
                    if name in MENU_SHOTS:
                        page.evaluate("window.scrollTo(0, 0)")
                        page.screenshot(path=SCREENS / re.sub(r"[^\w.-]", "_", shot + "-menu.png"))
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
