from django.db import migrations


def forwards(apps, schema_editor):
    from factcheck.claims.database import install_description_totals

    install_description_totals(schema_editor)


def backwards(apps, schema_editor):
    from factcheck.claims.database import drop_description_totals

    drop_description_totals(schema_editor)


class Migration(migrations.Migration):
    """PostgreSQL keeps the claims per source kind, description and status, by triggers (claims/database.py),
    for the sources' aggregate page."""

    dependencies = [("claims", "0016_hop_checks")]

    operations = [migrations.RunPython(forwards, backwards)]
