"""A backup taken while reviewers work restores into an empty database with every claim and review intact."""

import random
import shutil
import sqlite3
import subprocess
import threading
import time
from contextlib import closing

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from factcheck.claims.database import is_postgres
from factcheck.claims.decisions import StaleClaim, record_decision
from factcheck.claims.models import Claim, Review
from tests.factories import make_article, make_claim

CLAIMS_SQL = "SELECT id, status, version FROM claims_claim ORDER BY id"
REVIEWS_SQL = "SELECT id, claim_id, old_status, new_status, note FROM claims_review ORDER BY id"


def restore_and_read(dump):
    """Restore the backup into a fresh, empty database and read back its claims and reviews."""
    if not is_postgres():
        with closing(sqlite3.connect(dump)) as copy:
            return copy.execute(CLAIMS_SQL).fetchall(), copy.execute(REVIEWS_SQL).fetchall(), None
    for tool in ("createdb", "pg_restore", "dropdb"):
        assert shutil.which(tool), (
            f"{tool} is needed to restore a PostgreSQL backup (Debian: postgresql-client)"
        )
    settings = connection.settings_dict
    target = f"{settings['NAME']}_restored"
    where = ["--host", settings["HOST"] or "localhost", "--port", str(settings["PORT"] or 5432)]
    where += ["--username", settings["USER"] or "postgres"]
    subprocess.run(["dropdb", *where, "--if-exists", target], check=True)  # noqa: S603, S607
    subprocess.run(["createdb", *where, target], check=True)  # noqa: S603, S607
    try:
        subprocess.run(["pg_restore", *where, "--no-owner", "--dbname", target, str(dump)], check=True)  # noqa: S603, S607
        params = {"host": where[1], "port": where[3], "user": where[5], "dbname": target}
        with psycopg.connect(**params, password=settings["PASSWORD"] or None) as copy:
            claims, reviews = copy.execute(CLAIMS_SQL).fetchall(), copy.execute(REVIEWS_SQL).fetchall()
            try:  # the restored database guards its history too
                copy.execute("UPDATE claims_review SET note = 'rewritten'")
                guarded = False
            except psycopg.errors.IntegrityConstraintViolation:
                guarded = True
        return claims, reviews, guarded
    finally:
        subprocess.run(["dropdb", *where, "--if-exists", target], check=True)  # noqa: S603, S607


def wait_for(condition, workers, seconds=60):
    """Wait until `condition` holds; fail, not hang, if the reviewers stop or take too long."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert any(w.is_alive() for w in workers), "every reviewer thread stopped early"
        assert time.monotonic() < deadline, "the reviewers made too few decisions in time"
        time.sleep(0.01)


@pytest.mark.django_db(transaction=True)
def test_backup_while_reviewers_work_restores_every_claim_and_review(tmp_path, reviewer, second_reviewer):
    article = make_article(text="x" * 300)
    claims = [make_claim(article=article, start=i * 10, end=i * 10 + 5) for i in range(4)]
    stop, decided = threading.Event(), []

    def reviewer_at_work(user, seed):
        rng = random.Random(seed)
        try:
            while not stop.is_set():
                claim = Claim.objects.get(pk=rng.choice(claims).pk)
                status = rng.choice(["confirmed", "disputed", "unverified"])
                try:
                    record_decision(
                        claim=claim,
                        reviewer=user,
                        status=status,
                        note=f"{user} {rng.random()}",
                        version=claim.version,
                    )
                    decided.append(claim.pk)
                except StaleClaim:
                    pass
        finally:
            connection.close()

    workers = [
        threading.Thread(target=reviewer_at_work, args=(u, i))
        for i, u in enumerate([reviewer, second_reviewer])
    ]
    for worker in workers:
        worker.start()
    wait_for(lambda: len(decided) >= 20, workers)  # let the desk get going before the backup starts
    dump = tmp_path / ("factcheck.dump" if is_postgres() else "factcheck.sqlite3")
    call_command("backup_db", dump)
    wait_for(lambda: len(decided) >= 40, workers)  # ... and carry on after it
    stop.set()
    for worker in workers:
        worker.join(timeout=60)

    claims_copy, reviews_copy, guarded = restore_and_read(dump)
    live_reviews = list(
        Review.objects.order_by("pk").values_list("id", "claim_id", "old_status", "new_status", "note")
    )
    assert len(claims_copy) == 4
    assert 20 <= len(reviews_copy) < len(live_reviews), "the backup is a snapshot from mid-work"
    assert {tuple(r) for r in reviews_copy} <= set(live_reviews), "every backed-up review as it was written"
    for claim_id, status, version in claims_copy:
        history = [r for r in reviews_copy if r[1] == claim_id]
        assert version == 1 + len(history), "the claim and its history come from the same moment"
        assert status == (history[-1][3] if history else "unverified")
    if is_postgres():
        assert guarded, "the restored database refuses changes to reviews as the live one does"
