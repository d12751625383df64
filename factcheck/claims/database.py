"""The one seam for what only PostgreSQL can do, each with its honest fallback on SQLite.

- Text search: folded (case, accents, quote marks) on both. The folding is one function, factcheck_fold
  (folding.py): SQL over the unaccent extension on PostgreSQL, Python on SQLite. Claims and sources keep
  their folded text in a stored column (`folded`), so a search never folds them at query time, and each claim
  keeps its folded text and its source's folded name in one column (`searched`, by triggers on both). On
  PostgreSQL trigram indexes (pg_trgm) over those columns serve every search; SQLite scans, which is fine at
  the sizes it is for.
- Status totals: on PostgreSQL a table of claims per status, kept by statement-level triggers, so the
  header's and the whole queue's counts are one row read at any size; on SQLite, counts capped at 10,000.
- Totals by kind and description: on PostgreSQL a table of claims per source kind, description and
  status, kept by triggers on claims and on sources, so the sources' aggregate page reads a few hundred rows
  at any size; on SQLite, the same grouping counted from the claims.
- Hop totals: on PostgreSQL a table of each source's hops in current claims by verdict and by whether it
  passed the claim on, kept by triggers on chain links and on claims, so a source's page and the panel's
  records read a few rows however many chains the source is in; on SQLite, the same counted from the hops.
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
from datetime import date, datetime
from functools import reduce
from itertools import combinations
from operator import or_
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate

from factcheck.claims.folding import Fold
from factcheck.claims.models import (
    DECISION,
    Article,
    ChainLink,
    Claim,
    ClaimLink,
    ClaimStatus,
    HopVerdict,
    Review,
    Source,
    counted,
)
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
# Words too common to say two claims are alike, which full-text search drops anyway (a pair with one of
# them would match on its other word alone).
COMMON = set(
    "about above after again against also because been before being below between both could does doing "
    "down during each from further have having here into itself just more most much once only other over "
    "said same says should some such than that their theirs them then there these they this those through "
    "under until upon very were what when where which while whom will with would your yours".split()
)
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
    words = sorted(set(WORD.findall(folded)) - COMMON, key=lambda w: (-len(w), w))
    return words[:most]


def similar_claims(claim: Claim, limit: int = 5) -> list[Claim]:
    """Claims of other articles worded like `claim`, most similar first, with their chains: not withdrawn,
    and neither linked to it nor dismissed for it already."""
    words = distinctive_words(claim.folded or "")
    if not words or claim.withdrawn:
        return []
    pairs: list[tuple[str, ...]] = list(combinations(words, 2)) or [(words[0],)]
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
        # The candidates' ids first: given a subquery, the planner may rank every claim instead.
        ranked = Claim.objects.filter(pk__in=list(candidates.values_list("pk", flat=True))).annotate(
            score=score
        )
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


# Past this many titles holding a word, they are matched by a subquery instead of a list.
LISTED = 500


def search_claims(claims: QuerySet, q: str, *, in_notes: bool = False, in_titles: bool = False) -> QuerySet:
    """Claims whose text or source's name contain every word of `q`; review notes and article titles
    too when asked. Case, accents and the kind of quotation mark or apostrophe don't matter.

    Each word is one condition on the claim's own row: its `searched` column (the folded text and the
    source's folded name, kept by install_searched's triggers) holds the word, which a trigram index
    serves on PostgreSQL. The planner then judges each word by one column's statistics: a rare name is
    read off the index, a common word walks the queue's index in order and stops at a page. (Matched by
    the source's id instead, a word in a few hundred sources' names was misjudged by ten times and read
    150,000 rows for its count.) Checking a row is a LIKE over a stored column, under a microsecond.
    """
    for word in q.split()[:12]:  # split on spaces: no word reaches across the line break in `searched`
        match = Q(searched__contains=Fold(Value(word)))
        if in_titles:
            match |= Q(article__in=listed(containing(Article, "title", word)))
        if in_notes:
            match |= Q(pk__in=containing(Review, "note", word).values("claim"))
        claims = claims.filter(match)
    return claims


# `searched`: a claim's folded text, a line break, its source's folded name. Folded here from the text, not
# read from `folded`, which PostgreSQL computes after BEFORE triggers.
POSTGRES_SEARCHED = """
CREATE OR REPLACE FUNCTION claims_claim_searched() RETURNS trigger AS $$
BEGIN
    NEW.searched := factcheck_fold(NEW.text) || chr(10)
        || coalesce((SELECT folded FROM claims_source WHERE id = NEW.source_id), '');
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE TRIGGER claims_claim_searched BEFORE INSERT OR UPDATE OF text, source_id ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_searched();

CREATE OR REPLACE FUNCTION claims_source_searched() RETURNS trigger AS $$
BEGIN
    UPDATE claims_claim SET searched = folded || chr(10) || coalesce(NEW.folded, '') WHERE source_id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE TRIGGER claims_source_searched AFTER UPDATE OF name ON claims_source
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION claims_source_searched();
"""
# SQLite drops a table's triggers when a migration rebuilds it (most changes to claims or sources do): such
# a migration installs these again; the search tests fail if it does not.
SQLITE_SEARCHED = [
    f"""CREATE TRIGGER IF NOT EXISTS claims_claim_searched_{event} AFTER {when} ON claims_claim
    BEGIN
        UPDATE claims_claim SET searched = NEW.folded || char(10)
            || coalesce((SELECT folded FROM claims_source WHERE id = NEW.source_id), '') WHERE id = NEW.id;
    END"""  # noqa: S608  # two fixed spellings, no input
    for event, when in (("insert", "INSERT"), ("update", "UPDATE OF text, source_id"))
] + [
    """CREATE TRIGGER IF NOT EXISTS claims_source_searched AFTER UPDATE OF name ON claims_source
    WHEN OLD.name IS NOT NEW.name
    BEGIN
        UPDATE claims_claim SET searched = folded || char(10) || coalesce(NEW.folded, '')
            WHERE source_id = NEW.id;
    END"""
]
FILL_SEARCHED = """
UPDATE claims_claim SET searched = folded || %s
    || coalesce((SELECT s.folded FROM claims_source s WHERE s.id = claims_claim.source_id), '')
"""


def install_searched(schema_editor) -> None:
    """Fill the claims' `searched` and keep it by triggers on claims and sources, on both databases; on
    PostgreSQL its trigram index replaces the one over the folded text alone (migration 0025)."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # Every row is rewritten: through two written-through GIN indexes that took minutes at a million
        # claims. The one over the folded text goes (the new one replaces it); the full-text one comes back.
        schema_editor.execute("DROP INDEX IF EXISTS claims_claim_folded_trgm")
        drop_claim_text_search(schema_editor)
        # The fill moves no total: the totals' triggers, each reading the whole table twice over as
        # transition tables, sit it out.
        schema_editor.execute("ALTER TABLE claims_claim DISABLE TRIGGER USER")
    schema_editor.execute(FILL_SEARCHED, ["\n"])
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE claims_claim ENABLE TRIGGER USER")
        schema_editor.execute(POSTGRES_SEARCHED)
        schema_editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS claims_claim_searched_trgm ON claims_claim "
            "USING gin (searched gin_trgm_ops) WITH (fastupdate = off)"
        )
        install_claim_text_search(schema_editor)
        # A thousand sampled texts, not a hundred, for the planner to judge how many claims hold a word:
        # with a hundred it took a word in 7,000 claims for one in a hundred, and sorted them all for a page.
        schema_editor.execute("ALTER TABLE claims_claim ALTER COLUMN searched SET STATISTICS 1000")
        schema_editor.execute("ANALYZE claims_claim")  # searched has no statistics until then
    elif vendor == "sqlite":
        for statement in SQLITE_SEARCHED:
            schema_editor.execute(statement)


def drop_searched(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS claims_claim_folded_trgm ON claims_claim "
            "USING gin (folded gin_trgm_ops) WITH (fastupdate = off)"
        )
        schema_editor.execute("DROP INDEX IF EXISTS claims_claim_searched_trgm")
        schema_editor.execute("DROP TRIGGER IF EXISTS claims_claim_searched ON claims_claim")
        schema_editor.execute("DROP TRIGGER IF EXISTS claims_source_searched ON claims_source")
        schema_editor.execute("DROP FUNCTION IF EXISTS claims_claim_searched(), claims_source_searched()")
    elif schema_editor.connection.vendor == "sqlite":
        for name in ("claims_claim_searched_insert", "claims_claim_searched_update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute("DROP TRIGGER IF EXISTS claims_source_searched")


def listed(rows: QuerySet) -> list[int] | QuerySet:
    """The ids of `rows` as a list when they are few (one small query), else as a subquery."""
    ids = list(rows.order_by().values_list("pk", flat=True)[: LISTED + 1])
    return ids if len(ids) <= LISTED else rows.values("pk")


# The tables of totals PostgreSQL keeps by the triggers below.
KEPT_TOTALS = [
    "claims_status_total",
    "claims_description_total",
    "claims_source_total",
    "claims_hop_total",
    "claims_decision_day",
    "claims_dispute_day",
    "claims_added_day",
]

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


# The same, for any table: what a statement trigger on each event is declared with.
TRANSITIONS = {
    "insert": "AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows",
    "truncate": "AFTER TRUNCATE ON {table}",
}


def create_triggers(schema_editor, triggers: list[tuple[str, str, tuple[str, ...], str]]) -> None:
    """Make anew the statement triggers (name, table, events, function): one per event, `name_event`."""
    for name, table, events, function in triggers:
        for event in events:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {name}_{event} ON {table};"
                f"CREATE TRIGGER {name}_{event} {TRANSITIONS[event].format(table=table)} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )


def drop_triggers(schema_editor, triggers: list[tuple[str, str, tuple[str, ...], str]]) -> None:
    for name, table, events, _ in triggers:
        for event in events:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_{event} ON {table}")


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


# Each source's claims as their speaker, per status (withdrawn ones aside), kept like the status totals, per
# statement on claims: the claim panel's and the source page's records read a row where counting a wire
# agency's 14,000 claims took milliseconds per status. Changes are applied in key order.
POSTGRES_SOURCE_TOTALS = """
-- No claim is written between the count below and the triggers that follow it (in this transaction).
LOCK TABLE claims_claim IN SHARE ROW EXCLUSIVE MODE;
CREATE TABLE IF NOT EXISTS claims_source_total (
    source_id bigint NOT NULL, status varchar(20) NOT NULL, n bigint NOT NULL, PRIMARY KEY (source_id, status)
);
TRUNCATE claims_source_total;
INSERT INTO claims_source_total (source_id, status, n)
    SELECT source_id, status, count(*) FROM claims_claim
    WHERE NOT withdrawn AND source_id IS NOT NULL GROUP BY source_id, status;

CREATE OR REPLACE FUNCTION claims_source_total_change() RETURNS trigger AS $$
BEGIN
    -- Each event names only the transition tables it has (a trigger's query may not name the other).
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE claims_source_total;
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO claims_source_total AS t (source_id, status, n)
            SELECT source_id, status, count(*) FROM new_rows WHERE NOT withdrawn AND source_id IS NOT NULL
            GROUP BY source_id, status ORDER BY source_id, status
        ON CONFLICT (source_id, status) DO UPDATE SET n = t.n + excluded.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO claims_source_total AS t (source_id, status, n)
            SELECT source_id, status, -count(*) FROM old_rows WHERE NOT withdrawn AND source_id IS NOT NULL
            GROUP BY source_id, status ORDER BY source_id, status
        ON CONFLICT (source_id, status) DO UPDATE SET n = t.n + excluded.n;
    ELSE
        INSERT INTO claims_source_total AS t (source_id, status, n)
            SELECT source_id, status, sum(delta) FROM (
                SELECT source_id, status, 1 AS delta FROM new_rows WHERE NOT withdrawn
                UNION ALL
                SELECT source_id, status, -1 FROM old_rows WHERE NOT withdrawn
            ) AS rows WHERE source_id IS NOT NULL GROUP BY source_id, status HAVING sum(delta) <> 0
            ORDER BY source_id, status
        ON CONFLICT (source_id, status) DO UPDATE SET n = t.n + excluded.n;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


SOURCE_TRIGGERS = [("claims_source_total", "claims_claim", tuple(TRANSITIONS), "claims_source_total_change")]


def install_source_totals(schema_editor) -> None:
    """Each source's claims per status and their triggers on PostgreSQL (used by a migration)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(POSTGRES_SOURCE_TOTALS)
    create_triggers(schema_editor, SOURCE_TRIGGERS)


def drop_source_totals(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        drop_triggers(schema_editor, SOURCE_TRIGGERS)
        schema_editor.execute(
            "DROP FUNCTION IF EXISTS claims_source_total_change(); DROP TABLE IF EXISTS claims_source_total;"
        )


class KeptTotal(Func):
    """A source's total kept in `table`, in its row whose `column` is `value`, as a subquery for each source.
    `value` must be one of `allowed`, our constants: it is written into the SQL, so never input."""

    output_field = IntegerField()

    def __init__(self, table: str, column: str, value: str, allowed: set[str]):
        if value not in allowed:
            raise ValueError(value)
        template = f"(SELECT coalesce(max(t.n), 0) FROM {table} t WHERE t.source_id = %(expressions)s"  # noqa: S608 - our table
        super().__init__(F("pk"), template=f"{template} AND t.{column} = '{value}')")


def claims_said(status: str) -> Func | Coalesce:
    """An annotation for sources: their current claims as speaker with `status`."""
    from factcheck.claims.models import its_claims

    if is_postgres():
        return KeptTotal("claims_source_total", "status", status, set(ClaimStatus.values))
    return its_claims(status=status)


# Each source's hops in current claims' chains by verdict, and the claims it passed on (a later hop of the
# chain follows one of its own; counted once per claim, as after a merge a source may be in a chain
# twice). Kept per statement on chain links and on claims (a claim withdrawn or restored takes its hops
# out or puts them back). A statement's change is worked out from its chains as they are after it and as
# they were before (after it, less the rows it wrote, plus the rows it replaced), so a hop added to a chain
# makes the former last one a reporter that passed the claim on. The source page reads a few rows of it,
# where counting took 500 ms for a wire agency in 37,000 chains.
POSTGRES_HOP_TOTALS = """
CREATE TABLE IF NOT EXISTS claims_hop_total (
    source_id bigint NOT NULL, counted varchar(20) NOT NULL, n bigint NOT NULL,
    PRIMARY KEY (source_id, counted)
);

-- What chain links count for, each with its delta (+1 or -1): each hop under its verdict, and once per
-- claim 'passed_on' for each source with a hop before the chain's last (chains of one delta together).
CREATE OR REPLACE FUNCTION claims_hop_rows(links jsonb)
RETURNS TABLE (claim_id bigint, source_id bigint, counted text, delta int) AS $$
    WITH l AS (
        SELECT * FROM jsonb_to_recordset(links)
            AS r(claim_id bigint, position int, source_id bigint, verdict text, delta int)
    )
    SELECT claim_id, source_id, verdict, delta FROM l
    UNION ALL
    SELECT DISTINCT claim_id, source_id, 'passed_on', delta FROM (
        SELECT claim_id, source_id, delta,
            position < max(position) OVER (PARTITION BY claim_id, delta) AS before_last
        FROM l
    ) AS hops WHERE before_last;
$$ LANGUAGE sql;

-- Adds what `links` count for, net, in one statement: only the totals that change are written (a hop
-- check touches its source's two verdicts, not every source of the chain), in key order, so that two
-- statements never lock them crosswise. Only current claims count, unless `any_claim` (a claim just
-- withdrawn or deleted takes out what its hops counted for).
CREATE OR REPLACE FUNCTION claims_hop_total_add(links jsonb, any_claim boolean) RETURNS void AS $$
    INSERT INTO claims_hop_total AS t (source_id, counted, n)
        SELECT h.source_id, h.counted, sum(h.delta) FROM claims_hop_rows(links) AS h
        WHERE any_claim OR EXISTS (SELECT FROM claims_claim c WHERE c.id = h.claim_id AND NOT c.withdrawn)
        GROUP BY h.source_id, h.counted HAVING sum(h.delta) <> 0 ORDER BY h.source_id, h.counted
    ON CONFLICT (source_id, counted) DO UPDATE SET n = t.n + excluded.n;
$$ LANGUAGE sql;

-- The chains a statement on chain links touched, as they are now (+1) and were before it (-1): now, less
-- the rows it wrote, plus the rows it replaced. One event per statement: an INSERT ... ON CONFLICT DO
-- UPDATE on links (which fires both events) is not supported, and nothing here issues one.
CREATE OR REPLACE FUNCTION claims_hop_total_change(old_links jsonb, new_links jsonb) RETURNS void AS $$
    WITH written AS (
        SELECT * FROM jsonb_to_recordset(new_links) AS r(id bigint, claim_id bigint)
    ), replaced AS (
        SELECT * FROM jsonb_to_recordset(old_links)
            AS r(id bigint, claim_id bigint, position int, source_id bigint, verdict text)
    ), now AS (
        SELECT l.id, l.claim_id, l.position::int, l.source_id, l.verdict::text FROM claims_chainlink l
        WHERE l.claim_id IN (SELECT claim_id FROM written UNION SELECT claim_id FROM replaced)
    ), hops AS (
        SELECT claim_id, position, source_id, verdict, 1 AS delta FROM now
        UNION ALL
        SELECT claim_id, position, source_id, verdict, -1 FROM now
        WHERE NOT EXISTS (SELECT FROM written WHERE written.id = now.id)
        UNION ALL
        SELECT claim_id, position, source_id, verdict, -1 FROM replaced
    )
    SELECT claims_hop_total_add((SELECT coalesce(jsonb_agg(hops), '[]') FROM hops), false);
$$ LANGUAGE sql;

CREATE OR REPLACE FUNCTION claims_hop_total_links() RETURNS trigger AS $$
BEGIN
    -- Each event names only the transition tables it has (a trigger's query may not name the other).
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE claims_hop_total;
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM claims_hop_total_change('[]', (SELECT jsonb_agg(r) FROM new_rows r));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM claims_hop_total_change((SELECT jsonb_agg(r) FROM old_rows r), '[]');
    ELSE
        PERFORM claims_hop_total_change(
            (SELECT jsonb_agg(r) FROM old_rows r), (SELECT jsonb_agg(r) FROM new_rows r)
        );
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- A claim withdrawn takes out what its hops counted for and one restored puts it back; a claim deleted
-- before its chain takes it out (its hops, deleted after it, then belong to no current claim), and one
-- added after its chain (constraints deferred) puts it in.
CREATE OR REPLACE FUNCTION claims_hop_total_claims() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM claims_hop_total_add(coalesce(jsonb_agg(h), '[]'), true) FROM (
            SELECT l.claim_id, l.position, l.source_id, l.verdict, 1 AS delta
            FROM claims_chainlink l JOIN new_rows n ON n.id = l.claim_id WHERE NOT n.withdrawn
        ) AS h;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM claims_hop_total_add(coalesce(jsonb_agg(h), '[]'), true) FROM (
            SELECT l.claim_id, l.position, l.source_id, l.verdict, -1 AS delta
            FROM claims_chainlink l JOIN old_rows o ON o.id = l.claim_id WHERE NOT o.withdrawn
        ) AS h;
    ELSE
        PERFORM claims_hop_total_add(coalesce(jsonb_agg(h), '[]'), true) FROM (
            SELECT l.claim_id, l.position, l.source_id, l.verdict,
                CASE WHEN n.withdrawn THEN -1 ELSE 1 END AS delta
            FROM claims_chainlink l JOIN new_rows n ON n.id = l.claim_id JOIN old_rows o ON o.id = n.id
            WHERE n.withdrawn <> o.withdrawn
        ) AS h;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Filled from what is there now.
TRUNCATE claims_hop_total;
INSERT INTO claims_hop_total (source_id, counted, n)
    SELECT source_id, verdict, count(*) FROM claims_chainlink l
    WHERE EXISTS (SELECT FROM claims_claim c WHERE c.id = l.claim_id AND NOT c.withdrawn)
    GROUP BY source_id, verdict
    UNION ALL
    SELECT source_id, 'passed_on', count(DISTINCT claim_id) FROM (
        SELECT l.claim_id, l.source_id,
            l.position < max(l.position) OVER (PARTITION BY l.claim_id) AS before_last
        FROM claims_chainlink l
        WHERE EXISTS (SELECT FROM claims_claim c WHERE c.id = l.claim_id AND NOT c.withdrawn)
    ) AS hops WHERE before_last GROUP BY source_id;
"""
# (trigger name, table, events, function) of the statement triggers that keep them.
HOP_TRIGGERS = [
    (
        "claims_hop_total",
        "claims_chainlink",
        ("insert", "update", "delete", "truncate"),
        "claims_hop_total_links",
    ),
    ("claims_hop_total", "claims_claim", ("insert", "update", "delete"), "claims_hop_total_claims"),
]


def install_hop_totals(schema_editor) -> None:
    """The hop totals and their triggers on PostgreSQL (used by a migration)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(POSTGRES_HOP_TOTALS)
    create_triggers(schema_editor, HOP_TRIGGERS)


def drop_hop_totals(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        drop_triggers(schema_editor, HOP_TRIGGERS)
        for function in [
            "claims_hop_total_links()",
            "claims_hop_total_claims()",
            "claims_hop_total_change(jsonb, jsonb)",
            "claims_hop_total_add(jsonb, boolean)",
            "claims_hop_rows(jsonb)",
        ]:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}")
        schema_editor.execute("DROP TABLE IF EXISTS claims_hop_total")


def hop_total(counted: str) -> KeptTotal:
    """A source's kept total of hops `counted` (a verdict, or "passed_on"), as a subquery for each source."""
    return KeptTotal("claims_hop_total", "counted", counted, {*HopVerdict.values, "passed_on"})


def hops_passed_on() -> Func | Coalesce:
    """An annotation for sources: the current claims they passed on (a later hop follows one of theirs)."""
    if is_postgres():
        return hop_total("passed_on")
    later = ChainLink.objects.filter(claim=OuterRef("claim"), position__gt=OuterRef("position"))
    return counted(
        ChainLink.objects.filter(Exists(later), source=OuterRef("pk"), claim__withdrawn=False), "claim"
    )


def hops_misattributed() -> Func | Coalesce:
    """An annotation for sources: their hops in current claims found misattributed."""
    if is_postgres():
        return hop_total(HopVerdict.MISATTRIBUTED)
    broken = ChainLink.objects.filter(
        source=OuterRef("pk"), verdict=HopVerdict.MISATTRIBUTED, claim__withdrawn=False
    )
    return counted(broken, "pk")


def lock_sources(ids: set[int]) -> None:
    """Before rewriting chains of these sources: on PostgreSQL, wait for any other transaction rewriting
    chains of any of them, and keep the next waiting until this one ends (advisory locks, in id order). A
    chain is rewritten in two statements (its hops deleted, then written anew), each of which changes the
    kept hop totals of its sources, so two rewrites at once would otherwise lock those totals crosswise.
    SQLite writes one transaction at a time anyway."""
    if is_postgres():
        with connection.cursor() as cursor:
            for pk in sorted(ids):
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [pk])


def hop_verdicts(source: Source) -> dict[str, int]:
    """The source's hops in current claims' chains by verdict: read off the totals on PostgreSQL."""
    if is_postgres():
        with connections[Claim.objects.all().db].cursor() as cursor:
            cursor.execute(
                "SELECT counted, n FROM claims_hop_total WHERE source_id = %s AND counted <> 'passed_on'",
                [source.pk],
            )
            return dict.fromkeys(HopVerdict.values, 0) | {verdict: int(n) for verdict, n in cursor.fetchall()}
    links = ChainLink.objects.filter(source=source, claim__withdrawn=False)
    return links.aggregate(
        **{verdict: Count("pk", filter=Q(verdict=verdict)) for verdict in HopVerdict.values}
    )


# The dashboard's tallies: decisions per day, reviewer and status, and disputes per day and source (the
# claim's current source, withdrawn claims aside). Kept per statement on reviews (the history only grows:
# a trigger refuses changing or deleting one) and on claims, when a claim's source or withdrawal changes,
# which moves its disputes. A day is the date in TIME_ZONE, as the dashboard counts them, fixed when the
# tallies are installed (migration 0023): after changing TIME_ZONE, install them again to refill them.
# What counts as a decision is models.DECISION, written here in SQL: test_dashboard.py holds both alike.
POSTGRES_DECISION = (
    "r.old_status <> r.new_status "
    "AND (r.changes IS NULL OR r.changes = '{\"published\": [true, false]}'::jsonb)"
)
POSTGRES_TALLIES = """
CREATE TABLE IF NOT EXISTS claims_decision_day (
    day date NOT NULL, reviewer_id integer NOT NULL, new_status varchar(20) NOT NULL, n bigint NOT NULL,
    PRIMARY KEY (day, reviewer_id, new_status)
);
CREATE TABLE IF NOT EXISTS claims_dispute_day (
    day date NOT NULL, source_id bigint NOT NULL, n bigint NOT NULL, PRIMARY KEY (day, source_id)
);

CREATE OR REPLACE FUNCTION claims_day(at timestamptz) RETURNS date AS $$
    SELECT (at AT TIME ZONE {zone})::date;
$$ LANGUAGE sql IMMUTABLE;

-- disputes: (day, source_id, delta) rows, added.
CREATE OR REPLACE FUNCTION claims_dispute_day_add(disputes jsonb) RETURNS void AS $$
    INSERT INTO claims_dispute_day AS t (day, source_id, n)
        SELECT d.day, d.source_id, sum(d.delta)
        FROM jsonb_to_recordset(disputes) AS d(day date, source_id bigint, delta bigint)
        GROUP BY d.day, d.source_id HAVING sum(d.delta) <> 0 ORDER BY d.day, d.source_id
    ON CONFLICT (day, source_id) DO UPDATE SET n = t.n + excluded.n;
$$ LANGUAGE sql;

CREATE OR REPLACE FUNCTION claims_tally_reviews() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE claims_decision_day, claims_dispute_day;
        RETURN NULL;
    END IF;
    INSERT INTO claims_decision_day AS t (day, reviewer_id, new_status, n)
        SELECT claims_day(r.created_at), r.reviewer_id, r.new_status, count(*) FROM new_rows r
        WHERE {decision} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, reviewer_id, new_status) DO UPDATE SET n = t.n + excluded.n;
    PERFORM claims_dispute_day_add(coalesce(jsonb_agg(d), '[]')) FROM (
        SELECT claims_day(r.created_at) AS day, c.source_id, 1 AS delta
        FROM new_rows r JOIN claims_claim c ON c.id = r.claim_id
        WHERE {decision} AND r.new_status = 'disputed' AND NOT c.withdrawn AND c.source_id IS NOT NULL
    ) AS d;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- A claim whose source changed, or that was withdrawn or restored, moves its disputes.
CREATE OR REPLACE FUNCTION claims_tally_claims() RETURNS trigger AS $$
BEGIN
    PERFORM claims_dispute_day_add(coalesce(jsonb_agg(d), '[]')) FROM (
        SELECT claims_day(r.created_at) AS day, side.source_id, side.delta
        FROM new_rows n JOIN old_rows o ON o.id = n.id,
            LATERAL (VALUES (o.source_id, o.withdrawn, -1), (n.source_id, n.withdrawn, 1))
                AS side(source_id, withdrawn, delta),
            claims_review r
        WHERE (n.source_id IS DISTINCT FROM o.source_id OR n.withdrawn <> o.withdrawn)
            AND r.claim_id = n.id AND {decision} AND r.new_status = 'disputed'
            AND NOT side.withdrawn AND side.source_id IS NOT NULL
    ) AS d;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Attributed claims added per day, current ones only, and of those the ones on an anonymous source.
CREATE TABLE IF NOT EXISTS claims_added_day (
    day date NOT NULL, anonymous boolean NOT NULL, n bigint NOT NULL, PRIMARY KEY (day, anonymous)
);

-- The claims a statement added (+1) and took away (-1), net, grouped by day and by whether their source
-- is anonymous, read straight off the transition tables.
CREATE OR REPLACE FUNCTION claims_tally_added() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE claims_added_day;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO claims_added_day AS t (day, anonymous, n)
            SELECT claims_day(c.created_at), coalesce(s.kind = 'anonymous', false), count(*)
            FROM new_rows c LEFT JOIN claims_source s ON s.id = c.source_id
            WHERE NOT c.withdrawn AND NOT c.unattributed GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (day, anonymous) DO UPDATE SET n = t.n + excluded.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO claims_added_day AS t (day, anonymous, n)
            SELECT claims_day(c.created_at), coalesce(s.kind = 'anonymous', false), -count(*)
            FROM old_rows c LEFT JOIN claims_source s ON s.id = c.source_id
            WHERE NOT c.withdrawn AND NOT c.unattributed GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (day, anonymous) DO UPDATE SET n = t.n + excluded.n;
    ELSE  -- only the rows whose counting changed: a decision changes none
        INSERT INTO claims_added_day AS t (day, anonymous, n)
            SELECT claims_day(c.created_at), coalesce(s.kind = 'anonymous', false), sum(c.delta)
            FROM (
                SELECT o.created_at, o.source_id, o.withdrawn, o.unattributed, -1 AS delta
                FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.created_at, o.source_id, o.withdrawn, o.unattributed)
                    IS DISTINCT FROM (n.created_at, n.source_id, n.withdrawn, n.unattributed)
                UNION ALL
                SELECT n.created_at, n.source_id, n.withdrawn, n.unattributed, 1
                FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.created_at, o.source_id, o.withdrawn, o.unattributed)
                    IS DISTINCT FROM (n.created_at, n.source_id, n.withdrawn, n.unattributed)
            ) AS c LEFT JOIN claims_source s ON s.id = c.source_id
            WHERE NOT c.withdrawn AND NOT c.unattributed
            GROUP BY 1, 2 HAVING sum(c.delta) <> 0 ORDER BY 1, 2
        ON CONFLICT (day, anonymous) DO UPDATE SET n = t.n + excluded.n;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- A source made anonymous, or no longer, moves its claims.
CREATE OR REPLACE FUNCTION claims_tally_source() RETURNS trigger AS $$
BEGIN
    INSERT INTO claims_added_day AS t (day, anonymous, n)
        SELECT claims_day(c.created_at), side.anonymous, side.sign * count(*)
        FROM claims_claim c,
            (VALUES (OLD.kind = 'anonymous', -1), (NEW.kind = 'anonymous', 1)) AS side(anonymous, sign)
        WHERE c.source_id = NEW.id AND NOT c.withdrawn AND NOT c.unattributed
        GROUP BY 1, 2, side.sign ORDER BY 1, 2
    ON CONFLICT (day, anonymous) DO UPDATE SET n = t.n + excluded.n;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

TRUNCATE claims_decision_day, claims_dispute_day, claims_added_day;
INSERT INTO claims_added_day (day, anonymous, n)
    SELECT claims_day(c.created_at), coalesce(s.kind = 'anonymous', false), count(*)
    FROM claims_claim c LEFT JOIN claims_source s ON s.id = c.source_id
    WHERE NOT c.withdrawn AND NOT c.unattributed GROUP BY 1, 2;
INSERT INTO claims_decision_day (day, reviewer_id, new_status, n)
    SELECT claims_day(r.created_at), r.reviewer_id, r.new_status, count(*) FROM claims_review r
    WHERE {decision} GROUP BY 1, 2, 3;
INSERT INTO claims_dispute_day (day, source_id, n)
    SELECT claims_day(r.created_at), c.source_id, count(*)
    FROM claims_review r JOIN claims_claim c ON c.id = r.claim_id
    WHERE {decision} AND r.new_status = 'disputed' AND NOT c.withdrawn AND c.source_id IS NOT NULL
    GROUP BY 1, 2;
"""
TALLY_TRIGGERS = [
    ("claims_tally", "claims_review", ("insert", "truncate"), "claims_tally_reviews"),
    ("claims_tally", "claims_claim", ("update",), "claims_tally_claims"),
    ("claims_tally_added", "claims_claim", ("insert", "update", "delete", "truncate"), "claims_tally_added"),
]
# Per row, and only when the source becomes anonymous or stops being so: moving its claims reads them all.
POSTGRES_TALLY_SOURCE_TRIGGER = (
    "CREATE TRIGGER claims_tally_source AFTER UPDATE OF kind ON claims_source FOR EACH ROW "
    "WHEN ((OLD.kind = 'anonymous') IS DISTINCT FROM (NEW.kind = 'anonymous')) "
    "EXECUTE FUNCTION claims_tally_source()"
)


def install_tallies(schema_editor) -> None:
    """The dashboard's tallies and their triggers on PostgreSQL (used by a migration)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    zone = "'" + settings.TIME_ZONE.replace("'", "") + "'"
    schema_editor.execute(POSTGRES_TALLIES.replace("{decision}", POSTGRES_DECISION).replace("{zone}", zone))
    create_triggers(schema_editor, TALLY_TRIGGERS)
    schema_editor.execute(
        f"DROP TRIGGER IF EXISTS claims_tally_source ON claims_source; {POSTGRES_TALLY_SOURCE_TRIGGER}"
    )


def drop_tallies(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        drop_triggers(schema_editor, TALLY_TRIGGERS)
        schema_editor.execute("DROP TRIGGER IF EXISTS claims_tally_source ON claims_source")
        for function in [
            "claims_tally_reviews()",
            "claims_tally_claims()",
            "claims_tally_added()",
            "claims_tally_source()",
            "claims_dispute_day_add(jsonb)",
            "claims_day(timestamptz)",
        ]:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}")
        schema_editor.execute(
            "DROP TABLE IF EXISTS claims_decision_day, claims_dispute_day, claims_added_day"
        )


def decision_tallies(since: datetime) -> list[tuple[date, int, str, int]]:
    """(day, reviewer id, status given, decisions) from `since`, a day's start, on: read off the tallies on
    PostgreSQL, grouped from the decisions on SQLite."""
    if is_postgres():
        with connections[Claim.objects.all().db].cursor() as cursor:
            cursor.execute(
                "SELECT day, reviewer_id, new_status, n FROM claims_decision_day WHERE day >= %s",
                [since.date()],
            )
            return cursor.fetchall()
    decisions = Review.objects.filter(DECISION, created_at__gte=since).annotate(day=TruncDate("created_at"))
    rows = decisions.values("day", "reviewer", "new_status").annotate(n=Count("pk")).order_by()
    return [(row["day"], row["reviewer"], row["new_status"], row["n"]) for row in rows]


def disputes_by_source(since: datetime, limit: int) -> list[tuple[int, str, int]]:
    """(source id, name, disputes) for the `limit` sources with the most claims disputed from `since` on,
    withdrawn claims aside: off the tallies on PostgreSQL, grouped from the decisions on SQLite."""
    if is_postgres():
        with connections[Claim.objects.all().db].cursor() as cursor:
            # Names are read only for the sources as disputed as the last listed, or more (ties by name), one
            # by one off the primary key: joined, the planner would hash every source for them.
            cursor.execute(
                "WITH totals AS (SELECT source_id, sum(n::int) AS n FROM claims_dispute_day WHERE day >= %s "
                "GROUP BY source_id HAVING sum(n::int) > 0), "
                "top AS MATERIALIZED (SELECT source_id, n FROM totals "
                "WHERE n >= coalesce((SELECT n FROM totals ORDER BY n DESC OFFSET %s LIMIT 1), 0)) "
                "SELECT t.source_id, (SELECT s.name FROM claims_source s WHERE s.id = t.source_id) AS name, "
                "t.n FROM top t ORDER BY t.n DESC, name LIMIT %s",
                [since.date(), limit - 1, limit],
            )
            return cursor.fetchall()
    disputes = Review.objects.filter(
        DECISION,
        created_at__gte=since,
        new_status=ClaimStatus.DISPUTED,
        claim__withdrawn=False,
        claim__source__isnull=False,
    )
    rows = disputes.values("claim__source", "claim__source__name").annotate(n=Count("pk"))
    rows = rows.order_by("-n", "claim__source__name")[:limit]
    return [(row["claim__source"], row["claim__source__name"], row["n"]) for row in rows]


def claims_added(since: datetime) -> tuple[int, int]:
    """The attributed claims added from `since` on (withdrawn ones aside), and of those the ones resting on
    an anonymous source: off the tallies on PostgreSQL, counted on SQLite."""
    if is_postgres():
        with connections[Claim.objects.all().db].cursor() as cursor:
            cursor.execute(
                "SELECT coalesce(sum(n), 0)::int, coalesce(sum(n) FILTER (WHERE anonymous), 0)::int "
                "FROM claims_added_day WHERE day >= %s",
                [since.date()],
            )
            return cursor.fetchone()
    added = Claim.objects.current().filter(unattributed=False, created_at__gte=since)
    found = added.aggregate(
        attributed=Count("pk"), anonymous=Count("pk", filter=Q(source__kind=Source.Kind.ANONYMOUS))
    )
    return found["attributed"], found["anonymous"]


# Each kind's `shown` most used descriptions, with their claims by status, the kind's claims by status and
# how many descriptions it has; ranked by the database, so that thousands of descriptions never reach Python.
RANKED_DESCRIPTIONS = """
WITH described AS (
    SELECT kind, description,
        sum(CASE WHEN claim_status = 'confirmed' THEN n ELSE 0 END) AS confirmed,
        sum(CASE WHEN claim_status = 'disputed' THEN n ELSE 0 END) AS disputed,
        sum(CASE WHEN claim_status = 'unverified' THEN n ELSE 0 END) AS unverified
    FROM ({totals}) AS totals GROUP BY kind, description
), ranked AS (
    SELECT *,
        row_number() OVER (
            PARTITION BY kind ORDER BY confirmed + disputed + unverified DESC, description{by_code}
        ) AS place,
        count(*) OVER (PARTITION BY kind) AS descriptions,
        sum(confirmed) OVER (PARTITION BY kind) AS kind_confirmed,
        sum(disputed) OVER (PARTITION BY kind) AS kind_disputed,
        sum(unverified) OVER (PARTITION BY kind) AS kind_unverified
    FROM described
)
SELECT kind, description, confirmed, disputed, unverified,
    kind_confirmed, kind_disputed, kind_unverified, descriptions
FROM ranked WHERE place <= %s ORDER BY kind, place
"""


def description_totals(shown: int) -> list[tuple]:
    """(kind, description, confirmed, disputed, unverified, and the kind's confirmed, disputed, unverified
    and number of descriptions) for each kind's `shown` most used descriptions: off the totals on
    PostgreSQL, counted from the claims on SQLite. Withdrawn claims and the articles' own statements don't
    count."""
    if is_postgres():
        totals = "SELECT kind, description, status AS claim_status, n::int AS n FROM claims_description_total"
        totals, params = totals + " WHERE n > 0", []
    else:
        rows = Claim.objects.current().filter(source__isnull=False).order_by()
        rows = rows.values(
            kind=F("source__kind"), description=F("source__description"), claim_status=F("status")
        )
        totals, params = rows.annotate(n=Count("pk")).query.sql_with_params()
    with connections[Claim.objects.all().db].cursor() as cursor:
        # Ties by code point, as SQLite compares, not by PostgreSQL's locale.
        by_code = ' COLLATE "C"' if is_postgres() else ""
        cursor.execute(RANKED_DESCRIPTIONS.format(totals=totals, by_code=by_code), [*params, shown])
        return cursor.fetchall()


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
