"""PostgreSQL: keep the title and body tsvectors in the index entry's row (STORAGE MAIN).

Every ranked search reads both vectors of every matching entry. With the default
(EXTENDED) storage, rows over ~2 kB had their body vector moved to the TOAST table,
and fetching it back for each match was half of a common word's query time. MAIN
pushes the plain-text mirrors (title_text, body_text, read only by the substring
fallback) out first. Rows written before this migration keep their old layout until
they are reindexed (``rebuild_search_index``). Other databases: nothing to do.
"""

from django.db import migrations

VECTOR_COLUMNS = ("title", "body")


def _set_storage(apps, schema_editor, storage):
    if schema_editor.connection.vendor != "postgresql":
        return
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    quote = schema_editor.quote_name
    columns = ", ".join(f"ALTER COLUMN {quote(column)} SET STORAGE {storage}" for column in VECTOR_COLUMNS)
    schema_editor.execute(f"ALTER TABLE {quote(IndexEntry._meta.db_table)} {columns}")


def keep_vectors_inline(apps, schema_editor):
    _set_storage(apps, schema_editor, "MAIN")


def default_storage(apps, schema_editor):
    _set_storage(apps, schema_editor, "EXTENDED")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(keep_vectors_inline, default_storage, elidable=False)]
