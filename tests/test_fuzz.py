"""Every URL pattern, anonymous and signed in, with hostile input: NUL bytes, broken percent-escapes,
huge and negative numbers, deeply nested JSON. Bad input may be refused (4xx) or ignored; never a 500.
"""

import itertools
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from tests.conftest import make_user

HUGE = "9" * 30
# Values for each path converter: ordinary, out of range, hostile.
PATH_VALUES = {
    "int": ["1", HUGE],
    "slug": ["x", "-1", HUGE],
    "str": ["x", "%00", "%E4%B8", HUGE],
    "path": ["a/b", "%00", "%ZZ"],
    "uuid": ["00000000-0000-0000-0000-000000000000"],
    "regex": ["1", "%00", HUGE],
}
QUERIES = [
    "",
    "q=a%00b&industry=%00&type=%00&next=%00",
    "page=-1&year=-1&industry=-1&case_type=%ZZ&q=%E4%B8&next=0",
    f"page={HUGE}&year={HUGE}&industry={HUGE}&risk_area={HUGE}&id={HUGE}&code={HUGE}&next=//evil.example",
]
NESTED_JSON = "[" * 50_000 + "]" * 50_000
FORM = {
    "q": "a\x00b",
    "text": "\x00",
    "title": "x\x00",
    "next": "0",
    "code": "\x00",
    "id": HUGE,
    "score": "-1",
}
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def route_templates(resolver=None, prefix=""):
    """Every pattern of the URLconf as a template with ``<converter>`` placeholders."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = (
            regex_to_template(entry.pattern)
            if isinstance(entry.pattern, RegexPattern)
            else str(entry.pattern)
        )
        if isinstance(entry, URLResolver):
            yield from route_templates(entry, prefix + pattern)
        elif isinstance(entry, URLPattern):
            yield prefix + pattern


def regex_to_template(pattern):
    """A regex pattern (re_path) turned into the same placeholder form as a route."""
    text = pattern._regex.lstrip("^").replace(r"\Z", "").rstrip("$")
    text = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", r"<regex:\1>", text)
    text = re.sub(r"\((?:[^()]|\([^()]*\))*\)", "<regex:group>", text)  # unnamed groups
    return re.sub(r"\\(.)", r"\1", text).replace("?", "")


def fill(template):
    """Concrete paths for one template: every combination of the converter values (capped)."""
    slots = CONVERTER.findall(template)
    choices = [PATH_VALUES.get(kind or "str", PATH_VALUES["str"]) for kind, _name in slots]
    paths = []
    for combination in itertools.islice(itertools.product(*choices), 4):
        values = iter(combination)
        paths.append("/" + CONVERTER.sub(lambda _m, values=values: next(values), template))
    return paths


def all_paths():
    seen = set()
    for template in route_templates():
        for path in fill(template):
            path = path.replace("//", "/")
            if path not in seen:
                seen.add(path)
                yield path


ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def requests_for(path):
    if path.startswith(ADMIN_PREFIXES) and path not in ("/admin/", "/django-admin/"):
        # Hundreds of editor-only views behind one permission check: one hostile request each keeps it fast.
        yield "get", path + "?" + QUERIES[3], {}
        return
    for query in QUERIES:
        yield "get", path + ("?" + query if query else ""), {}
    yield "post", path, {"data": FORM}
    yield "post", path, {"data": NESTED_JSON, "content_type": "application/json"}


def run(client, paths):
    failures = []
    count = 0
    for path in paths:
        for method, url, kwargs in requests_for(path):
            response = getattr(client, method)(url, **kwargs)
            count += 1
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {url[:120]} -> {response.status_code}")
    return count, failures


@pytest.mark.slow
@pytest.mark.django_db
def test_no_url_answers_500_to_hostile_input(home, capsys):
    paths = list(all_paths())
    assert len(paths) > 100  # the whole URLconf, not a sample

    anonymous = Client(raise_request_exception=False)
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(make_user("fuzz@example.com"))

    count_anonymous, failures = run(anonymous, paths)
    count_signed_in, more = run(signed_in, paths)
    failures += more
    with capsys.disabled():
        print(
            f"\nfuzz: {len(paths)} paths, {count_anonymous + count_signed_in} requests, {len(failures)} 500s"
        )
    assert not failures, "\n".join(failures[:60])


@pytest.mark.django_db
def test_a_nul_byte_is_refused_with_400_and_a_message(home, client):
    for url in ("/search/?q=a%00b", "/certificates/%00/", "/courses/?industry=%00"):
        response = client.get(url)
        assert response.status_code == 400
        assert "无效字符" in response.content.decode()
    assert client.post("/consult/", {"title": "a\x00"}).status_code == 400


@pytest.mark.django_db
def test_language_switch_with_a_bare_word_as_next_goes_home(home, client):
    response = client.get("/language/en/?next=0")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/language/en/?next=/courses/")["Location"] == "/courses/"
