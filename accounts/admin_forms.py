"""The admin's sign-in form: Wagtail's, with the labels it leaves to Django's field names ("Password")."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("密码")
        self.fields["remember"].label = _("记住我")
