"""The one seam for what only PostgreSQL can do, each with its honest fallback on SQLite.

- Text search: folded (case, accents, quote marks) on both. The folding is one function, factcheck_fold
  (folding.py): SQL over the unaccent extension on PostgreSQL, Python on SQLite. Claims and sources keep
  their folded text in a stored column (`folded`), so a search never folds them at query time. On PostgreSQL
  trigram indexes (pg_trgm) over the folded columns serve every search; SQLite scans, which is fine at the
  sizes it is for.
- Status totals: on PostgreSQL a table of claims per status, kept by statement-level triggers, so the
  header's and the whole queue's counts are one row read at any size; on SQLite, counts capped at 10,000.
- Totals by kind and description: on PostgreSQL a table of claims per source kind, description and
  status, kept by triggers on claims and on sources, so the sources' aggregate page reads a few hundred rows
  at any size; on SQLite, the same grouping counted from the claims.
- Permanent history: on PostgreSQL a trigger refuses any UPDATE or DELETE of a review row; on SQLite a
  trigger refuses UPDATE only, because Django's test flush empties tables with DELETE. Everywhere the ORM
  refuses both (models.ReviewQuerySet, Review.save and Review.delete).
- Similar claims (corroboration): the candidates are claims of other articles that share two of the
  claim's four longest words, up to CANDIDATES of them. On PostgreSQL full-text search finds them, words
  stemmed ("closes" finds "closing"), through an index over the folded text's tsvector, and pg_trgm's
  similarity() ranks them; on SQLite a scan finds the words as written and the same trigram similarity,
  computed in Python, ranks them.
- Backups: pg_dump's consistent snapshot on PostgreSQL, SQLite's online backup API on SQLite.
"""

import os
import re
import sqlite3
import subprocess
from functools import reduce
from itertools import combinations
from operator import or_
from pathlib import Path

from django.db import connection, connections
from django.db.models import BooleanField, Count, Exists, F, FloatField, Func, OuterRef, Q, QuerySet, Value

from factcheck.claims.folding import Fold
from factcheck.claims.models import Article, Claim, ClaimLink, Review, Source
from factcheck.claims.paging import capped_count


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# The same folding in PostgreSQL. unaccent is a trusted extension (PostgreSQL 13+): the database's owner
# may create it. Quotes by code point: ’ ‘ ʼ to ', and “ ” „ « » to ". IMMUTABLE, so indexes can be built
# over it: unaccent is only STABLE because it finds its dictionary by the search path, so the dictionary is
# named with its schema here. {schema} is where the extension lives.
POSTGRES_FOLD = """
CREATE OR REPLACE FUNCTION factcheck_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT translate(
        lower({schema}.unaccent('{schema}.unaccent'::regdictionary, t)),
        chr(8217) || chr(8216) || chr(700) || chr(8220) || chr(8221) || chr(8222) || chr(171) || chr(187),
        repeat(chr(39), 3) || repeat(chr(34), 5)
    )
$$;
"""
UNACCENT_SCHEMA = """
SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'unaccent'
"""
# What search looks in, each folded and indexed by trigrams, so that "contains" is an index scan: the
# claims' and sources' folded text, stored (STORED_FOLDS), and titles and notes folded by their index.
SEARCHED = {
    "claims_article": "title",
    "claims_review": "note",
}
STORED_FOLDS = {Claim: "text", Source: "name"}


def install_fold(schema_editor) -> None:
    """Create factcheck_fold on PostgreSQL (used by migrations); SQLite gets it per connection."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(UNACCENT_SCHEMA)
        [schema] = cursor.fetchone()
    schema_editor.execute(POSTGRES_FOLD.replace("{schema}", schema))


def install_search_indexes(schema_editor) -> None:
    """The trigram indexes over sources, titles and notes that serve search on PostgreSQL (migration 0010)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    install_fold(schema_editor)  # IMMUTABLE now, which an index needs
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column in SEARCHED.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_{column}_folded_trgm ON {table} "
            f"USING gin (factcheck_fold({column}) gin_trgm_ops)"
        )


def drop_search_indexes(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for table, column in SEARCHED.items():
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_folded_trgm")


def install_stored_fold_indexes(schema_editor) -> None:
    """The trigram indexes over the stored folded text of claims and sources (migration 0014). They replace
    indexes that folded the text themselves, so that every row they found was folded again to be checked,
    at some 6 µs a row: a common word's page took 200 ms at a million claims.

    Every trigram index is written through at once (fastupdate off): a GIN index otherwise gathers new
    entries in a list that the write which fills it merges in, and that one decision (a review's note, a
    claim's new status) waited hundreds of milliseconds at a million claims."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, column in STORED_FOLDS.items():
        table = model._meta.db_table
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_folded_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_folded_trgm ON {table} "
            "USING gin (folded gin_trgm_ops) WITH (fastupdate = off)"
        )
    for table, column in SEARCHED.items():
        index = f"{table}_{column}_folded_trgm"
        schema_editor.execute(f"ALTER INDEX IF EXISTS {index} SET (fastupdate = off)")
        schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")


def drop_stored_fold_indexes(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for model in STORED_FOLDS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {model._meta.db_table}_folded_trgm")


def containing(model, field: str, word: str) -> QuerySet:
    """The rows whose `field`, folded, contains `word` folded: a trigram index scan on PostgreSQL."""
    if STORED_FOLDS.get(model) == field:
        return model.objects.filter(folded__contains=Fold(Value(word)))
    return model.objects.alias(folded=Fold(field)).filter(folded__contains=Fold(Value(word)))


# Similar claims: candidates share two of the claim's four longest words (the rarest, so that few claims
# share two); up to CANDIDATES are ranked, those at SIMILAR or more kept.
CANDIDATES = 200
SIMILAR = 0.3
WORD = re.compile(r"\w{4,}")
# A claim's full-text document, in English: the expression the index is built on, which a query must
# repeat for the index to serve it.
CLAIM_DOCUMENT = "to_tsvector('english'::regconfig, {})"


class SharesWords(Func):
    """True where the claim's document holds both words of any one of `pairs`, each word stemmed."""

    output_field = BooleanField()

    def __init__(self, pairs: list[tuple[str, ...]]):
        word = "plainto_tsquery('english'::regconfig, %%s)"  # %s once the template is filled in
        either = " || ".join("(" + " && ".join(word for _ in pair) + ")" for pair in pairs)
        self.words = [word for pair in pairs for word in pair]
        document = CLAIM_DOCUMENT.format("%(expressions)s")
        super().__init__(F("folded"), template=f"{document} @@ ({either})")

    def as_sql(self, compiler, connection, **extra):
        sql, params = super().as_sql(compiler, connection, **extra)
        return sql, (*params, *self.words)


def install_claim_text_search(schema_editor) -> None:
    """The full-text index over claims that finds similar ones on PostgreSQL (migration 0021); written
    through at once, as the trigram indexes are (install_stored_fold_indexes)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS claims_claim_folded_fts ON claims_claim "
            f"USING gin ({CLAIM_DOCUMENT.format('folded')}) WITH (fastupdate = off)"
        )


def drop_claim_text_search(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claims_claim_folded_fts")


def distinctive_words(folded: str, most: int = 4) -> list[str]:
    """The claim's longest words (four letters or more), longest first: what a similar claim shares."""
    words = sorted(set(WORD.findall(folded)), key=lambda w: (-len(w), w))
    return words[:most]


def similar_claims(claim: Claim, limit: int = 5) -> list[Claim]:
    """Claims of other articles worded like `claim`, most similar first, with their chains: not withdrawn,
    and neither linked to it nor dismissed for it already."""
    words = distinctive_words(claim.folded or "")
    if not words or claim.withdrawn:
        return []
    pairs = list(combinations(words, 2)) or [(words[0],)]
    linked = ClaimLink.objects.filter(
        Q(low=claim.pk, high=OuterRef("pk")) | Q(high=claim.pk, low=OuterRef("pk"))
    )
    found = Claim.objects.current().exclude(article_id=claim.article_id).exclude(Exists(linked))
    if is_postgres():
        found = found.filter(SharesWords(pairs))
    else:
        found = found.filter(reduce(or_, (Q(*(Q(folded__contains=word) for word in pair)) for pair in pairs)))
    candidates = found.order_by()[:CANDIDATES]
    if is_postgres():
        score = Func(F("folded"), Value(claim.folded), function="similarity", output_field=FloatField())
        ranked = Claim.objects.filter(pk__in=candidates.values("pk")).annotate(score=score)
        ids = list(
            ranked.filter(score__gte=SIMILAR).order_by("-score", "pk").values_list("pk", flat=True)[:limit]
        )
    else:
        scores = {pk: similarity(claim.folded, text) for pk, text in candidates.values_list("pk", "folded")}
        ids = sorted((pk for pk, s in scores.items() if s >= SIMILAR), key=lambda pk: (-scores[pk], pk))[
            :limit
        ]
    if not ids:
        return []
    shown = Claim.objects.with_chain().in_bulk(ids)
    return [shown[pk] for pk in ids]


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams of a text: each word padded with two spaces before and one after."""
    return {
        f"  {word} "[i : i + 3] for word in re.findall(r"\w+", text.lower()) for i in range(len(word) + 1)
    }


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): the trigrams two texts share, over all of theirs."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


# Past this many sources (or titles) holding a word, they are matched by a subquery instead of a list.
LISTED = 500


def search_claims(claims: QuerySet, q: str, *, in_notes: bool = False, in_titles: bool = False) -> QuerySet:
    """Claims whose text or source's name contain every word of `q`; review notes and article titles
    too when asked. Case, accents and the kind of quotation mark or apostrophe don't matter.

    Each word is a condition on the claim's own row: its stored folded text holds the word (a trigram
    index), or its source is one of the few whose name does (their ids, looked up first, so the source
    index serves it too). So PostgreSQL may walk the queue's index in order and stop at a page for a common
    word, or combine the two indexes for a rare one, instead of first gathering every match. Checking a
    row is a LIKE over a stored column, under a microsecond, which is what makes the walk pay.
    """
    for word in q.split()[:12]:
        match = Q(folded__contains=Fold(Value(word))) | Q(source__in=listed(containing(Source, "name", word)))
        if in_titles:
            match |= Q(article__in=listed(containing(Article, "title", word)))
        if in_notes:
            match |= Q(pk__in=containing(Review, "note", word).values("claim"))
        claims = claims.filter(match)
    return claims


def listed(rows: QuerySet) -> list[int] | QuerySet:
    """The ids of `rows` as a list when they are few (one small query), else as a subquery."""
    ids = list(rows.order_by().values_list("pk", flat=True)[: LISTED + 1])
    return ids if len(ids) <= LISTED else rows.values("pk")


# The claims per status (withdrawn ones aside), kept by the database as claims are added, changed, deleted
# or truncated: one trigger per statement, however many rows it touches (a COPY of a million included).
# Totals are changed one status at a time in a fixed order, so two statements never lock them crosswise.
POSTGRES_STATUS_TOTALS = """
CREATE TABLE IF NOT EXISTS claims_status_total (status varchar(20) PRIMARY KEY, n bigint NOT NULL);
INSERT INTO claims_status_total (status, n)
    SELECT s, 0 FROM unnest(ARRAY['unverified', 'confirmed', 'disputed']) AS s ON CONFLICT DO NOTHING;
UPDATE claims_status_total t
    SET n = (SELECT count(*) FROM claims_claim c WHERE c.status = t.status AND NOT c.withdrawn);

CREATE OR REPLACE FUNCTION claims_status_total_change() RETURNS trigger AS $$
DECLARE d record;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE claims_status_total SET n = 0;
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        FOR d IN
            SELECT status, count(*) AS delta FROM new_rows WHERE NOT withdrawn GROUP BY status ORDER BY status
        LOOP
            UPDATE claims_status_total SET n = n + d.delta WHERE status = d.status;
        END LOOP;
    ELSIF TG_OP = 'DELETE' THEN
        FOR d IN
            SELECT status, -count(*) AS delta FROM old_rows WHERE NOT withdrawn
            GROUP BY status ORDER BY status
        LOOP
            UPDATE claims_status_total SET n = n + d.delta WHERE status = d.status;
        END LOOP;
    ELSE
        FOR d IN
            SELECT status, sum(delta) AS delta FROM (
                SELECT status, 1 AS delta FROM new_rows WHERE NOT withdrawn
                UNION ALL
                SELECT status, -1 FROM old_rows WHERE NOT withdrawn
            ) AS changes GROUP BY status HAVING sum(delta) <> 0 ORDER BY status
        LOOP
            UPDATE claims_status_total SET n = n + d.delta WHERE status = d.status;
        END LOOP;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""
# A transition table exists only for the events that have it, so each event gets its own trigger.
POSTGRES_STATUS_TRIGGERS = {
    "insert": "AFTER INSERT ON claims_claim REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON claims_claim REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON claims_claim REFERENCING OLD TABLE AS old_rows",
    "truncate": "AFTER TRUNCATE ON claims_claim",
}


def install_status_totals(schema_editor) -> None:
    """The status totals and their triggers on PostgreSQL (used by a migration)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(POSTGRES_STATUS_TOTALS)
    for event, when in POSTGRES_STATUS_TRIGGERS.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS claims_status_total_{event} ON claims_claim")
        schema_editor.execute(
            f"CREATE TRIGGER claims_status_total_{event} {when} "
            "FOR EACH STATEMENT EXECUTE FUNCTION claims_status_total_change()"
        )


def drop_status_totals(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for event in POSTGRES_STATUS_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS claims_status_total_{event} ON claims_claim")
        schema_editor.execute("DROP FUNCTION IF EXISTS claims_status_total_change()")
        schema_editor.execute("DROP TABLE IF EXISTS claims_status_total")


def status_totals(*statuses: str) -> dict[str, int]:
    """How many claims (withdrawn ones aside) have each status, or each of `statuses`: read off the totals
    on PostgreSQL, and counted up to COUNT_CAP + 1 on SQLite, where past the cap reads "10,000+" anyway."""
    statuses = statuses or tuple(Claim.Status.values)
    if is_postgres():
        # Through the connection the router reads claims from: a replica's, when the request may use it.
        with connections[Claim.objects.all().db].cursor() as cursor:
            cursor.execute(
                "SELECT status, n FROM claims_status_total WHERE status = ANY(%s)", [list(statuses)]
            )
            return dict.fromkeys(statuses, 0) | dict(cursor.fetchall())
    claims = Claim.objects.current()
    return {value: capped_count(claims.filter(status=value)) for value in statuses}


# Claims per source kind, description and status (withdrawn ones and the article's own statements aside),
# kept like the status totals: per statement on claims (a COPY of a million included), and per row when a
# source's kind or description is changed, which moves its claims to their new group. Changes are applied
# in a fixed order, so two statements never lock the same groups crosswise.
POSTGRES_DESCRIPTION_TOTALS = """
CREATE TABLE IF NOT EXISTS claims_description_total (
    kind varchar(20) NOT NULL, description text NOT NULL, status varchar(20) NOT NULL,
    n bigint NOT NULL, PRIMARY KEY (kind, description, status)
);
TRUNCATE claims_description_total;
INSERT INTO claims_description_total (kind, description, status, n)
    SELECT s.kind, s.description, c.status, count(*)
    FROM claims_claim c JOIN claims_source s ON s.id = c.source_id
    WHERE NOT c.withdrawn GROUP BY s.kind, s.description, c.status;

CREATE OR REPLACE FUNCTION claims_description_total_add(deltas jsonb) RETURNS void AS $$
    INSERT INTO claims_description_total AS t (kind, description, status, n)
        SELECT d.kind, d.description, d.status, d.delta
        FROM jsonb_to_recordset(deltas) AS d(kind text, description text, status text, delta bigint)
        WHERE d.delta <> 0 ORDER BY d.kind, d.description, d.status
    ON CONFLICT (kind, description, status) DO UPDATE SET n = t.n + excluded.n;
$$ LANGUAGE sql;

-- The claims a statement added (+1) and took away (-1), grouped by their sources' kind and description.
CREATE OR REPLACE FUNCTION claims_description_deltas(changed jsonb) RETURNS jsonb AS $$
    SELECT coalesce(jsonb_agg(d), '[]') FROM (
        SELECT s.kind, s.description, c.status, sum(c.delta) AS delta
        FROM jsonb_to_recordset(changed) AS c(source_id bigint, status text, delta bigint)
        JOIN claims_source s ON s.id = c.source_id GROUP BY s.kind, s.description, c.status
    ) AS d;
$$ LANGUAGE sql;

CREATE OR REPLACE FUNCTION claims_description_total_change() RETURNS trigger AS $$
DECLARE changed jsonb;
BEGIN
    -- Each event names only the transition tables it has (a trigger's query may not name the other).
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE claims_description_total;
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        SELECT jsonb_agg(c) INTO changed FROM (
            SELECT source_id, status, count(*) AS delta FROM new_rows
            WHERE NOT withdrawn AND source_id IS NOT NULL GROUP BY source_id, status
        ) AS c;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_agg(c) INTO changed FROM (
            SELECT source_id, status, -count(*) AS delta FROM old_rows
            WHERE NOT withdrawn AND source_id IS NOT NULL GROUP BY source_id, status
        ) AS c;
    ELSE
        SELECT jsonb_agg(c) INTO changed FROM (
            SELECT source_id, status, sum(delta) AS delta FROM (
                SELECT source_id, status, 1 AS delta FROM new_rows WHERE NOT withdrawn
                UNION ALL
                SELECT source_id, status, -1 FROM old_rows WHERE NOT withdrawn
            ) AS rows WHERE source_id IS NOT NULL GROUP BY source_id, status HAVING sum(delta) <> 0
        ) AS c;
    END IF;
    IF changed IS NOT NULL THEN
        PERFORM claims_description_total_add(claims_description_deltas(changed));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION claims_description_total_source() RETURNS trigger AS $$
BEGIN
    PERFORM claims_description_total_add(coalesce(jsonb_agg(d), '[]')) FROM (
        SELECT g.kind, g.description, c.status, g.sign * count(*) AS delta
        FROM claims_claim c,
            (VALUES (OLD.kind, OLD.description, -1), (NEW.kind, NEW.description, 1))
                AS g(kind, description, sign)
        WHERE c.source_id = NEW.id AND NOT c.withdrawn GROUP BY g.kind, g.description, g.sign, c.status
    ) AS d;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def install_description_totals(schema_editor) -> None:
    """The totals by kind and description and their triggers on PostgreSQL (used by a migration)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(POSTGRES_DESCRIPTION_TOTALS)
    for event, when in POSTGRES_STATUS_TRIGGERS.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS claims_description_total_{event} ON claims_claim")
        schema_editor.execute(
            f"CREATE TRIGGER claims_description_total_{event} {when} "
            "FOR EACH STATEMENT EXECUTE FUNCTION claims_description_total_change()"
        )
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS claims_description_total_source ON claims_source;"
        "CREATE TRIGGER claims_description_total_source AFTER UPDATE OF kind, description ON claims_source "
        "FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.description IS DISTINCT FROM "
        "NEW.description) EXECUTE FUNCTION claims_description_total_source()"
    )


def drop_description_totals(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS claims_description_total_source ON claims_source;"
            + "".join(
                f"DROP TRIGGER IF EXISTS claims_description_total_{event} ON claims_claim;"
                for event in POSTGRES_STATUS_TRIGGERS
            )
            + "DROP FUNCTION IF EXISTS claims_description_total_source();"
            "DROP FUNCTION IF EXISTS claims_description_total_change();"
            "DROP FUNCTION IF EXISTS claims_description_deltas(jsonb);"
            "DROP FUNCTION IF EXISTS claims_description_total_add(jsonb);"
            "DROP TABLE IF EXISTS claims_description_total;"
        )


def description_totals() -> list[tuple[str, str, str, int]]:
    """(kind, description, status, claims) for every group of sources: read off the totals on PostgreSQL,
    counted from the claims on SQLite. Withdrawn claims and the articles' own statements don't count."""
    if is_postgres():
        with connections[Claim.objects.all().db].cursor() as cursor:
            cursor.execute("SELECT kind, description, status, n FROM claims_description_total WHERE n > 0")
            return cursor.fetchall()
    rows = Claim.objects.current().filter(source__isnull=False).order_by()
    rows = rows.values_list("source__kind", "source__description", "status").annotate(n=Count("pk"))
    return list(rows)


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
