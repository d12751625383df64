from pathlib import Path

from django.core.management.base import BaseCommand

from factcheck.claims.database import backup, is_postgres


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database while the app keeps running: a pg_dump archive on "
        "PostgreSQL (restore with pg_restore), a SQLite file on SQLite (restore by copying it into place)."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="the file to write")

    def handle(self, *args, target, **options):
        backup(target)
        kind = "pg_dump archive" if is_postgres() else "SQLite database"
        self.stdout.write(f"Backed up to {target} ({kind}, {target.stat().st_size:,} bytes).")
