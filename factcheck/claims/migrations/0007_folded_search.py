from django.db import migrations


def forwards(apps, schema_editor):
    from factcheck.claims.database import install_fold

    install_fold(schema_editor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS factcheck_fold(text);")


class Migration(migrations.Migration):
    """Search compares text folded: case, accents and quote marks aside (see claims/database.py)."""

    dependencies = [("claims", "0006_source_aliases")]

    operations = [migrations.RunPython(forwards, backwards)]
