"""allauth's emails in the site's layout and name, with links on the site's public address.

allauth builds its links (confirmation, password reset, sign-up) from the request's host and
names the site after it ("Hello from 127.0.0.1:8201!"); here every ``*_url`` in an email's
context is put on ``SITE_URL`` and ``current_site`` carries the site's own name.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter

from core.emails import absolute_url, html_from_text, site_name, site_url, with_site_name


@dataclass
class PublicSite:
    name: str
    domain: str


def public_site():
    return PublicSite(str(site_name()), urlsplit(site_url()).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject):
        return with_site_name(subject)

    def send_mail(self, template_prefix, email, context):
        context = {
            key: absolute_url(value) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        return super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        context = {**context, "current_site": public_site()}
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if not getattr(message, "alternatives", None):
            message.attach_alternative(html_from_text(message.body, message.subject), "text/html")
        return message
