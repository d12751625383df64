from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.claims.backlog import enqueue_backlog, files_in, import_file
from factcheck.extraction.names import normalise_name


class Command(BaseCommand):
    help = (
        "Import every .txt and .html file in the given folders (a desk's backlog) with suggested claims. "
        "The title is the first line of a .txt file, or the page title of an .html file."
    )

    def add_arguments(self, parser):
        parser.add_argument("folders", nargs="+", type=Path)
        parser.add_argument("--outlet", default="", help="the outlet that published these articles")
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue the import for the background workers (manage.py db_worker) and return at once",
        )

    def handle(self, *args, folders, outlet, background, **options):
        if outlet and not normalise_name(outlet):
            raise CommandError(f"{outlet!r} is not an outlet's name.")
        for folder in folders:
            if not folder.is_dir():
                raise CommandError(f"{folder} is not a folder.")
        files = sorted(f for folder in folders for f in files_in(folder))
        if background:
            job = enqueue_backlog(paths=[f.resolve() for f in files], outlet=outlet)
            self.stdout.write(
                f"Queued import job {job.pk} of {len(files)} file(s). A background worker "
                "(`python manage.py db_worker`) imports them; see its progress in the admin's Import jobs."
            )
            return
        imported = skipped = failed = 0
        for done, path in enumerate(files, start=1):
            try:
                created = import_file(path, outlet)
                imported, skipped = imported + created, skipped + (not created)
            except ValueError as error:
                failed += 1
                self.stderr.write(f"\n{path}: {error}")
            self.progress(done, len(files))
        self.stdout.write(
            f"\nImported {imported} article(s); {skipped} already there; {failed} could not be read."
        )

    def progress(self, done: int, total: int) -> None:
        """A one-line progress bar on stderr, redrawn in place."""
        width = 30
        filled = width * done // total
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stderr.flush()
