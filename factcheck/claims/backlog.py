"""A desk's backlog: the article files of folders, imported in the foreground or by a background worker.

`import_articles FOLDER...` imports them at once with a progress bar; with `--background` it records an
ImportJob and enqueues `import_backlog` on Django's tasks framework (the database backend of django-tasks-db),
which a worker (`manage.py db_worker`) runs, counting its progress in the job as it goes.
"""

from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Now
from django.tasks import task

from factcheck.claims.imports import html_to_text, import_article
from factcheck.claims.models import MAX_ARTICLE_CHARS, ImportJob

SUFFIXES = {".txt", ".html", ".htm"}
KEPT_ERRORS = 50  # the first problems a job keeps to show; the count is of them all


def files_in(folder: Path) -> list[Path]:
    return sorted(f for f in folder.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file())


def read(path: Path) -> tuple[str, str]:
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


def import_file(path: Path, outlet: str) -> bool:
    """Import one file with its suggested claims: True if new, False if imported before; ValueError if
    it can't be read."""
    try:
        title, text = read(path)
    except (UnicodeDecodeError, OSError) as error:
        raise ValueError(str(error)) from error
    if not text.strip():
        raise ValueError("no article text found")
    return import_article(title=title, text=text, outlet=outlet)[1]


def enqueue_backlog(*, paths: list[Path], outlet: str = "", by=None) -> ImportJob:
    """Record a job for these files and hand it to the background workers, once it is committed."""
    with transaction.atomic():
        job = ImportJob.objects.create(paths=[str(p) for p in paths], outlet=outlet, total=len(paths), by=by)
        transaction.on_commit(lambda: import_backlog.enqueue(job.pk))
    return job


@task()
def import_backlog(job_id: int) -> dict:
    """Import a job's files, counting each one in the job as it is done, so its progress can be watched.
    A job run again (a worker stopped mid-way) goes on after the files it counted."""
    job = ImportJob.objects.get(pk=job_id)
    jobs = ImportJob.objects.filter(pk=job_id)
    jobs.update(state=ImportJob.State.RUNNING, started_at=Now())
    errors = list(job.errors)
    for name in job.paths[job.done :]:
        path = Path(name)
        try:
            counter = "imported" if import_file(path, job.outlet) else "skipped"
        except ValueError as error:
            errors = (errors + [f"{path}: {error}"])[:KEPT_ERRORS]
            jobs.update(done=F("done") + 1, failed=F("failed") + 1, errors=errors)
            continue
        jobs.update(done=F("done") + 1, **{counter: F(counter) + 1})
    jobs.update(state=ImportJob.State.FINISHED, finished_at=Now())
    job.refresh_from_db()
    return {"imported": job.imported, "skipped": job.skipped, "failed": job.failed}
