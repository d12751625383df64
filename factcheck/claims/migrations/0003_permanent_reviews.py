from django.db import migrations


def forwards(apps, schema_editor):
    from factcheck.claims.database import make_reviews_permanent

    make_reviews_permanent(schema_editor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS claims_review_permanent ON claims_review;")
        schema_editor.execute("DROP FUNCTION IF EXISTS claims_review_is_permanent();")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS claims_review_permanent;")


class Migration(migrations.Migration):
    """The database itself refuses to change or delete a review (see claims/database.py)."""

    dependencies = [("claims", "0002_article_dedupe_and_suggestions")]

    operations = [migrations.RunPython(forwards, backwards)]
