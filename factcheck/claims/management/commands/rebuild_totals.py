"""Recount every total PostgreSQL keeps by triggers, from the rows as they are, and install its triggers
again: after changing TIME_ZONE (the dashboard's days), or if a total ever drifted."""

from django.core.management.base import BaseCommand
from django.db import connection

from factcheck.claims import database

KEPT = {
    "claims per status": database.install_status_totals,
    "claims per source kind and description": database.install_description_totals,
    "claims per source and status": database.install_source_totals,
    "hops per source": database.install_hop_totals,
    "the dashboard's tallies per day": database.install_tallies,
}


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        if not database.is_postgres():
            self.stdout.write("SQLite keeps no totals: it counts as it reads. Nothing to rebuild.")
            return
        with connection.schema_editor() as editor:  # one transaction: readers see the old or the new
            for name, install in KEPT.items():
                install(editor)
                self.stdout.write(f"Recounted {name}.")
