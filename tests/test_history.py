"""A review, once written, is the desk's record: the database refuses to change it even past the ORM.

The ORM's refusals are tested in test_admin.py (test_review_cannot_be_changed / _deleted).
"""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from factcheck.claims.database import is_postgres
from factcheck.claims.decisions import record_decision
from factcheck.claims.models import Review


@pytest.fixture
def review(claim, reviewer):
    return record_decision(
        claim=claim, reviewer=reviewer, status="disputed", note="Port denies it", version=1
    )


def raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_database_refuses_an_update_that_bypasses_the_orm(review):
    with pytest.raises(DatabaseError, match="review history is permanent"):
        raw("UPDATE claims_review SET note = %s WHERE id = %s", ["Quietly rewritten", review.pk])
    assert Review.objects.get().note == "Port denies it"


def test_database_refuses_a_delete_that_bypasses_the_orm_on_postgresql(review):
    if is_postgres():
        with pytest.raises(DatabaseError, match="review history is permanent"):
            raw("DELETE FROM claims_review WHERE id = %s", [review.pk])
        assert Review.objects.count() == 1
    else:
        # SQLite's fallback guards UPDATE only: Django's test flush empties tables with DELETE. The ORM
        # still refuses (above), and claims, reviewers and articles can't be deleted while reviews exist.
        raw("DELETE FROM claims_review WHERE id = %s", [review.pk])
        assert Review.objects.count() == 0


def test_deleting_what_a_review_points_at_is_refused(review, claim, reviewer):
    with pytest.raises(ProtectedError):
        claim.delete()
    with pytest.raises(ProtectedError):
        claim.article.delete()
    with pytest.raises(ProtectedError):
        reviewer.delete()
    assert Review.objects.count() == 1
