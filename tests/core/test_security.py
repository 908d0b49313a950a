"""Security headers, and public templates that a strict Content-Security-Policy can serve."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Rendered inside Wagtail's admin, whose policy allows inline code (core/security.py).
ADMIN_TEMPLATES = re.compile(r"(^|/)admin/")
# Emails are read in mail clients, which need inline styles; no page serves them.
EMAIL_TEMPLATES = re.compile(r"(^|/)email/")
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"\sstyle\s*=|<style", re.I)
INLINE_SCRIPT = re.compile(r'<script(?![^>]*(\bsrc=|type="application/json"))[^>]*>', re.I)


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_send_a_strict_policy(client, home):
    response = client.get("/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    permissions = response["Permissions-Policy"]
    assert "camera=(self)" in permissions and "geolocation=()" in permissions


def test_the_admin_policy_adds_only_inline_code(admin_client, home):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert sorted(policy["script-src"]) == ["'self'", "'unsafe-inline'"]
    assert sorted(policy["style-src"]) == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize(
    "path",
    sorted(
        str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*.html")
        if not ADMIN_TEMPLATES.search(str(p.relative_to(TEMPLATES)))
        and not EMAIL_TEMPLATES.search(str(p.relative_to(TEMPLATES)))
    ),
)
def test_public_templates_have_no_inline_code(path):
    if path == "500.html":
        pytest.skip("the error page is self-contained and exempt from the policy (portal.views.server_error)")
    text = (TEMPLATES / path).read_text()
    for name, pattern in [
        ("event handler", INLINE_HANDLER),
        ("style", INLINE_STYLE),
        ("script", INLINE_SCRIPT),
    ]:
        match = pattern.search(text)
        assert match is None, f"{path}: inline {name} {match.group(0)!r} is blocked by the site's CSP"
