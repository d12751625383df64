from django.db import migrations


def forwards(apps, schema_editor):
    from factcheck.claims.database import install_claim_text_search

    install_claim_text_search(schema_editor)


def backwards(apps, schema_editor):
    from factcheck.claims.database import drop_claim_text_search

    drop_claim_text_search(schema_editor)


class Migration(migrations.Migration):
    """PostgreSQL finds similar claims by full-text search, through an index over their folded text."""

    dependencies = [("claims", "0020_claim_links")]

    operations = [migrations.RunPython(forwards, backwards)]
