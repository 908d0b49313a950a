"""On PostgreSQL a rebuilt index is ready to be planned well: statistics of the commonest terms,
pages marked all-visible (so the ranking reads the index alone)."""

import pytest
from django.db import connection

from portal.models import StandardPage
from search.indexing import rebuild_documents
from search.models import SearchTerm

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")


def one_value(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_commonest_thousand_terms_are_counted():
    target = one_value(
        "SELECT attstattarget FROM pg_attribute WHERE attrelid = %s::regclass AND attname = 'term'",
        [SearchTerm._meta.db_table],
    )
    assert target == 1000


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_leaves_the_terms_readable_from_the_index_alone(home):
    for number in range(3):
        page = StandardPage(title=f"消防安全检查{number}", intro="整改到位。", slug=f"planner-{number}")
        home.add_child(instance=page)
        page.save_revision().publish()
    assert not connection.in_atomic_block
    rebuild_documents()
    visible = one_value(
        "SELECT relallvisible FROM pg_class WHERE oid = %s::regclass", [SearchTerm._meta.db_table]
    )
    assert visible > 0 and SearchTerm.objects.filter(term="消防").exists()
