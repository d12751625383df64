from django.db import migrations, models


def forwards(apps, schema_editor):
    from factcheck.claims.database import install_searched

    install_searched(schema_editor)


def backwards(apps, schema_editor):
    from factcheck.claims.database import drop_searched

    drop_searched(schema_editor)


class Migration(migrations.Migration):
    """What a search looks in, one column per claim: its folded text and its source's folded name, kept by
    triggers (claims/database.py), with a trigram index on PostgreSQL. At a million claims the fill rewrites
    every row and the indexes are built again: about three minutes, while claims can be neither read nor
    written (plan it as downtime)."""

    dependencies = [("claims", "0024_source_totals")]

    operations = [
        migrations.AddField(
            model_name="claim", name="searched", field=models.TextField(default="", editable=False)
        ),
        migrations.RunPython(forwards, backwards),
    ]
