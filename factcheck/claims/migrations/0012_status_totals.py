from django.db import migrations


def forwards(apps, schema_editor):
    from factcheck.claims.database import install_status_totals

    install_status_totals(schema_editor)


def backwards(apps, schema_editor):
    from factcheck.claims.database import drop_status_totals

    drop_status_totals(schema_editor)


class Migration(migrations.Migration):
    """PostgreSQL keeps the claims per status in a table of its own, by triggers (see claims/database.py)."""

    dependencies = [("claims", "0011_import_jobs")]

    operations = [migrations.RunPython(forwards, backwards)]
