from django.db import migrations


def forwards(apps, schema_editor):
    from factcheck.claims.database import install_hop_totals

    install_hop_totals(schema_editor)


def backwards(apps, schema_editor):
    from factcheck.claims.database import drop_hop_totals

    drop_hop_totals(schema_editor)


class Migration(migrations.Migration):
    """PostgreSQL keeps each source's hops by verdict and by whether it passed the claim on, by triggers on
    chain links and claims (claims/database.py), for the source page and the claim panel's records."""

    dependencies = [("claims", "0021_claim_text_search")]

    operations = [migrations.RunPython(forwards, backwards)]
