"""Emails in the site's name, as HTML and text, with links to the site's public address.

Every email the project sends goes through :func:`send_email`: the subject carries the site's
Chinese name, the text part is the template's, the HTML part wraps it in ``email/base.html``,
and links are built from :func:`site_url` (``SITE_URL``, else the default Wagtail Site), the
same address the pages themselves use, never a worker's idea of the host.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Site


def site_url():
    """The public address links in emails and PDFs start with, without a trailing slash."""
    configured = getattr(settings, "SITE_URL", "")
    if configured:
        return configured.rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url.rstrip("/") if site else "http://localhost"


def absolute_url(url):
    """``url`` (a path, or a page URL on any host) on the site's public address."""
    parts = urlsplit(url or "/")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return site_url() + (path if path.startswith("/") else "/" + path)


def site_name():
    return _("合规学堂")


def with_site_name(subject):
    """``subject`` prefixed with 【合规学堂】 unless it already names the site."""
    prefix = _("【%(site)s】") % {"site": site_name()}
    subject = " ".join(str(subject).split())
    return subject if subject.startswith(prefix) else prefix + subject


# A link ends at whitespace or Chinese punctuation ("电子票:https://…/,请出示").
LINK = re.compile(r"https?://[^\s<>\"'，。；：、）】》]+")


def _linked(line):
    pieces, position = [], 0
    for match in LINK.finditer(line):
        url = match.group().rstrip(".,;:)")
        pieces += [escape(line[position : match.start()]), format_html('<a href="{}">{}</a>', url, url)]
        position = match.start() + len(url)
    pieces.append(escape(line[position:]))
    return "".join(str(piece) for piece in pieces)


def text_to_html(text):
    """Paragraphs (blank-line separated) with line breaks and live links."""
    paragraphs = [part for part in re.split(r"\n\s*\n", str(text).strip()) if part.strip()]
    return mark_safe(
        "".join(
            "<p>" + "<br>".join(_linked(line) for line in part.splitlines()) + "</p>" for part in paragraphs
        )
    )


def html_from_text(text, subject=""):
    """The HTML part: the text part's paragraphs and links in the site's email layout."""
    return render_to_string(
        "email/base.html",
        {"body": text_to_html(text), "subject": subject, "site_name": site_name(), "site_url": site_url()},
    )


def send_email(subject, text, recipients, html=None, from_email=None):
    """Send one email (HTML and text) to ``recipients``; returns the number sent (0 or 1)."""
    recipients = [address for address in recipients if address]
    if not recipients:
        return 0
    subject = with_site_name(subject)
    message = EmailMultiAlternatives(subject, text, from_email or settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach_alternative(html or html_from_text(text, subject), "text/html")
    return message.send()
