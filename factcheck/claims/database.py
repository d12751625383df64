"""The one seam for what only PostgreSQL can do, each with its honest fallback on SQLite.

- Text search: English stems on PostgreSQL, substrings on SQLite.
- Permanent history: on PostgreSQL a trigger refuses any UPDATE or DELETE of a review row; on SQLite a
  trigger refuses UPDATE only, because Django's test flush empties tables with DELETE. Everywhere the ORM
  refuses both (models.ReviewQuerySet, Review.save and Review.delete).
- Backups: pg_dump's consistent snapshot on PostgreSQL, SQLite's online backup API on SQLite.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_claims(claims: QuerySet, q: str) -> QuerySet:
    """Claims whose text, source name or article title contain every word of `q`.

    PostgreSQL also matches by English stems, so "defect" finds "defected"; SQLite has substrings
    only, case-insensitive for ASCII letters alone (as SQLite's LIKE is).
    """
    fields = ("text", "source__name", "article__title")
    every_word = Q()
    for word in q.split():
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        every_word &= any_field
    if is_postgres():
        vector = SearchVector(*fields, config="english")
        query = SearchQuery(q, config="english", search_type="websearch")
        return claims.annotate(search=vector).filter(Q(search=query) | every_word)
    return claims.filter(every_word)


POSTGRES_PERMANENT_REVIEWS = """
CREATE OR REPLACE FUNCTION claims_review_is_permanent() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'review history is permanent: ' || TG_OP || ' on claims_review refused',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS claims_review_permanent ON claims_review;
CREATE TRIGGER claims_review_permanent BEFORE UPDATE OR DELETE ON claims_review
    FOR EACH ROW EXECUTE FUNCTION claims_review_is_permanent();
"""
SQLITE_PERMANENT_REVIEWS = """
CREATE TRIGGER IF NOT EXISTS claims_review_permanent BEFORE UPDATE ON claims_review
BEGIN
    SELECT RAISE(ABORT, 'review history is permanent: UPDATE on claims_review refused');
END;
"""


def make_reviews_permanent(schema_editor) -> None:
    """Install the database's own guard on review rows (used by a migration)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_PERMANENT_REVIEWS)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_PERMANENT_REVIEWS)


def backup(target: Path) -> None:
    """Write a consistent copy of the database to `target`, while reviewers keep working."""
    settings = connection.settings_dict
    if is_postgres():
        env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
        command = [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            f"--file={target}",
            "--dbname",
            settings["NAME"],
        ]
        for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if settings.get(key):
                command += [flag, str(settings[key])]
        subprocess.run(command, check=True, env=env, capture_output=True)  # noqa: S603 (fixed arguments)
        return
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
