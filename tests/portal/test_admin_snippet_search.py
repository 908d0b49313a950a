"""Editors can search every snippet list in the admin, in Chinese."""

import pytest
from django.urls import reverse

from library.models import Industry
from tests.conftest import make_user


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", ["library.industry", "library.riskarea", "library.contactpoint", "accounts.enterprise"]
)
def test_snippet_lists_search_without_errors(client, home, model):
    Industry.objects.create(name="鞋革", code="footwear")
    admin = make_user("admin@example.com", is_staff=True, is_superuser=True)
    client.force_login(admin)
    app_label, model_name = model.split(".")
    url = reverse(f"wagtailsnippets_{app_label}_{model_name}:list")
    for query in ("鞋革", "footwear", "合规"):
        response = client.get(url, {"q": query})
        assert response.status_code == 200, (model, query)
    if model == "library.industry":
        assert "footwear" in client.get(url, {"q": "鞋革"}).content.decode()
