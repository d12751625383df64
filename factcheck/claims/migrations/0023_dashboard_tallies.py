from django.db import migrations


def forwards(apps, schema_editor):
    from factcheck.claims.database import install_tallies

    install_tallies(schema_editor)


def backwards(apps, schema_editor):
    from factcheck.claims.database import drop_tallies

    drop_tallies(schema_editor)


class Migration(migrations.Migration):
    """PostgreSQL keeps the dashboard's decisions per day and reviewer, and disputes per day and source, by
    triggers on reviews and claims (claims/database.py)."""

    dependencies = [("claims", "0022_hop_totals")]

    operations = [migrations.RunPython(forwards, backwards)]
