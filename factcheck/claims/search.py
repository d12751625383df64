"""The one seam for PostgreSQL-only text search, with an honest fallback on SQLite."""

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
