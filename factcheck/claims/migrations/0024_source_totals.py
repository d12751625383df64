from django.db import migrations


def forwards(apps, schema_editor):
    from factcheck.claims.database import install_source_totals

    install_source_totals(schema_editor)


def backwards(apps, schema_editor):
    from factcheck.claims.database import drop_source_totals

    drop_source_totals(schema_editor)


class Migration(migrations.Migration):
    """PostgreSQL keeps each source's claims per status, by triggers (claims/database.py), for the records
    the claim panel and the source page show."""

    dependencies = [("claims", "0023_dashboard_tallies")]

    operations = [migrations.RunPython(forwards, backwards)]
