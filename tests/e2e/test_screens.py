"""The main pages on a phone and on a desktop, in Chinese and in English, on the demo site.

Each page must fit its viewport (no horizontal scrolling), keep the header within a fifth of
the screen's height, and pass axe-core with no serious or critical violation. A full-page
screenshot of every page is saved under ``build/screens/`` (gitignored; CI keeps it).
"""

import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

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
    if axe is not None:
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in FAILING_IMPACTS:
                targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:4]]
                problems.append(f"{name}: axe {violation['impact']} {violation['id']}: {targets}")


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
                shot = f"{language}-{viewport['width']}-{name}.png"
                page.screenshot(path=SCREENS / re.sub(r"[^\w.-]", "_", shot), full_page=True)
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
