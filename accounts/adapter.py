"""allauth's emails in the site's layout: an HTML part beside the text, the site's name in the subject."""

from allauth.account.adapter import DefaultAccountAdapter

from core.emails import html_from_text, with_site_name


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject):
        return with_site_name(subject)

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if not getattr(message, "alternatives", None):
            message.attach_alternative(html_from_text(message.body, message.subject), "text/html")
        return message
