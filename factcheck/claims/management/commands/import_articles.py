from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.claims.imports import html_to_text, import_article
from factcheck.claims.models import MAX_ARTICLE_CHARS
from factcheck.extraction.names import normalise_name

SUFFIXES = {".txt", ".html", ".htm"}


class Command(BaseCommand):
    help = (
        "Import every .txt and .html file in the given folders (a desk's backlog) with suggested claims. "
        "The title is the first line of a .txt file, or the page title of an .html file."
    )

    def add_arguments(self, parser):
        parser.add_argument("folders", nargs="+", type=Path)
        parser.add_argument("--outlet", default="", help="the outlet that published these articles")

    def handle(self, *args, folders, outlet, **options):
        if outlet and not normalise_name(outlet):
            raise CommandError(f"{outlet!r} is not an outlet's name.")
        files = sorted(f for folder in folders for f in self.files_in(folder))
        imported = skipped = failed = 0
        for done, path in enumerate(files, start=1):
            try:
                title, text = self.read(path)
                if not text.strip():
                    raise ValueError("no article text found")
                _, created = import_article(title=title, text=text, outlet=outlet)
                imported, skipped = imported + created, skipped + (not created)
            except (ValueError, UnicodeDecodeError) as error:
                failed += 1
                self.stderr.write(f"\n{path}: {error}")
            self.progress(done, len(files))
        self.stdout.write(
            f"\nImported {imported} article(s); {skipped} already there; {failed} could not be read."
        )

    def files_in(self, folder: Path) -> list[Path]:
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        return [f for f in folder.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file()]

    def read(self, path: Path) -> tuple[str, str]:
        """The title and the article text of one file."""
        if path.stat().st_size > 4 * MAX_ARTICLE_CHARS:
            raise ValueError("the file is too large")
        raw = path.read_text(encoding="utf-8-sig")
        if path.suffix.lower() == ".txt":
            first, _, rest = raw.strip().partition("\n")
            return first.strip()[:300] or path.stem, rest.strip() or first.strip()
        import trafilatura

        metadata = trafilatura.extract_metadata(raw)
        title = (metadata.title if metadata and metadata.title else path.stem)[:300]
        return title, html_to_text(raw)

    def progress(self, done: int, total: int) -> None:
        """A one-line progress bar on stderr, redrawn in place."""
        width = 30
        filled = width * done // total
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stderr.flush()
