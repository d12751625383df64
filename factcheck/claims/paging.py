"""Paging and counting that cost the same at a million claims as at a hundred.

Counts stop at COUNT_CAP ("10,000+"): counting further would read every matching row to say a number nobody
acts on. A list is paged by number while the pages are known (OFFSET within the capped count, a few
thousand index entries at most) and by keyset beyond: `after`/`before` carry the last or first row's key,
and the next page starts there, read off the index in order however deep it is.
"""

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import partial

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import QueryDict

COUNT_CAP = 10_000


def capped_count(rows: QuerySet) -> int:
    """How many rows, counted up to COUNT_CAP + 1: more than COUNT_CAP reads as "10,000+"."""
    return rows.order_by()[: COUNT_CAP + 1].count()


# A filtered list (a search, a source, an article) counts its first thousand matches only: past that the
# reviewer narrows it anyway, and a dense filter (a wire agency in every fifth chain) costs ten times less.
FILTERED_CAP = 1_000


def capped_statuses(
    rows: QuerySet, key: tuple[str, ...], status: str | None
) -> tuple[dict, bool, list | None]:
    """How many of the first FILTERED_CAP + 1 rows have each status, in one query; whether there were more
    (each count is then "at least"); and, when that is every row, the `key` of each with `status` (of all,
    for none), for KeysetPager.page to pick a page from."""
    found = list(rows.order_by().values_list("status", *key)[: FILTERED_CAP + 1])
    more = len(found) > FILTERED_CAP
    keys = None if more else [row[1:] for row in found if row[0] == status or not status]
    return dict(Counter(row[0] for row in found)), more, keys


def shown_count(n: int, at_least: bool = False) -> str:
    return f"{COUNT_CAP:,}+" if n > COUNT_CAP else f"{n:,}+" if at_least else f"{n:,}"


@dataclass
class Page:
    """One page of a keyset-ordered list, and the links around it."""

    rows: list
    number: int | None  # None when reached by a cursor, past the numbered pages
    count: int  # capped
    size: int
    previous: dict  # the query parameters of the previous page, {} if none
    next: dict

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def numbered(self) -> int:
        """How many pages have a number: all of them, or those within the capped count."""
        return max(1, -(-min(self.count, COUNT_CAP) // self.size))

    def page_range(self):
        return Paginator(range(min(self.count, COUNT_CAP)), self.size).get_elided_page_range(
            self.number or self.numbered, on_each_side=2, on_ends=1
        )


class KeysetPager:
    """Pages of `rows` in the order of `key`: integer fields, unique together, in an index's order ("-pk"
    for descending)."""

    def __init__(self, rows: QuerySet, key: tuple[str, ...], size: int):
        self.rows, self.key, self.size = rows, key, size

    def cursor(self, row) -> str:
        return ".".join(str(getattr(row, name.lstrip("-"))) for name in self.key)

    def parse(self, value: str | None) -> list[int] | None:
        parts = (value or "").split(".")
        ok = len(parts) == len(self.key) and all(p.isascii() and p.isdigit() and len(p) <= 18 for p in parts)
        return [int(p) for p in parts] if ok else None

    def beyond(self, rows: QuerySet, values: list[int], before: bool = False) -> QuerySet:
        """The rows after (or `before`) the key `values` in the key's order. The first field's bound alone is
        what an index range starts from; the rest decides ties within it."""
        ops = [("lt" if name.startswith("-") else "gt") for name in self.key]
        if before:
            ops = [{"lt": "gt", "gt": "lt"}[op] for op in ops]
        names = [name.lstrip("-") for name in self.key]
        after = Q()
        for i, name in enumerate(names):
            after |= Q(**dict(zip(names[:i], values[:i], strict=True)), **{f"{name}__{ops[i]}": values[i]})
        return rows.filter(Q(**{f"{names[0]}__{ops[0]}e": values[0]}), after)

    def page(self, query: QueryDict, count: int, keys: list[tuple] | None = None) -> Page:
        """The page `query` asks for: by `after` or `before` cursor, else by `page` number.

        Given every row's key (`keys`: the few hundred a search found), the page is picked from them and
        only its rows are read. Asked for the first rows in order, PostgreSQL would walk the index hoping
        to meet them early: a million entries (230 ms) when they sit late in it."""
        read = self.read if keys is None else partial(self.pick, sorted(map(self.signed, keys)))
        if (after := self.parse(query.get("after"))) is not None:
            rows = read(after=after)
            has_previous, has_next, number = True, len(rows) > self.size, None
            rows = rows[: self.size]
        elif (before := self.parse(query.get("before"))) is not None:
            rows = read(before=before)
            has_previous, has_next, number = len(rows) > self.size, True, None
            rows = rows[: self.size][::-1]
        else:
            numbered = max(1, -(-min(count, COUNT_CAP) // self.size))
            number = min(max(_number(query.get("page")), 1), numbered)
            rows = read(start=(number - 1) * self.size)
            has_previous, has_next = number > 1, len(rows) > self.size
            rows = rows[: self.size]
        previous: dict[str, int | str] = {}
        next_: dict[str, int | str] = {}
        if has_previous and rows:
            previous = {"page": number - 1} if number else {"before": self.cursor(rows[0])}
        if has_next and rows:
            if number and number * self.size < min(count, COUNT_CAP):
                next_ = {"page": number + 1}
            else:
                next_ = {"after": self.cursor(rows[-1])}
        return Page(rows, number, count, self.size, previous, next_)

    def read(self, after: list[int] | None = None, before: list[int] | None = None, start: int = 0) -> list:
        """Up to a page and one rows: after the key `after`, before `before` (the nearest first), or from
        the `start`th row."""
        if after is not None:
            return list(self.beyond(self.rows.order_by(*self.key), after)[: self.size + 1])
        if before is not None:
            reverse = [name[1:] if name.startswith("-") else f"-{name}" for name in self.key]
            return list(self.beyond(self.rows, before, before=True).order_by(*reverse)[: self.size + 1])
        return list(self.rows.order_by(*self.key)[start : start + self.size + 1])

    def pick(self, ordered: list[tuple], after=None, before=None, start: int = 0) -> list:
        """The same rows as `read`, picked from every row's key (`ordered`, signed) and read by id."""
        if after is not None:
            i = bisect_right(ordered, self.signed(after))
            chosen = ordered[i : i + self.size + 1]
        elif before is not None:
            i = bisect_left(ordered, self.signed(before))
            chosen = ordered[max(0, i - self.size - 1) : i][::-1]
        else:
            chosen = ordered[start : start + self.size + 1]
        at = [name.lstrip("-") for name in self.key].index("pk")
        pks = [abs(key[at]) for key in chosen]
        shown = self.rows.in_bulk(pks)
        return [shown[pk] for pk in pks if pk in shown]

    def signed(self, values) -> tuple:
        """A key's values with each descending field's negated, so that keys sort in the key's order."""
        return tuple(-v if name.startswith("-") else v for name, v in zip(self.key, values, strict=True))


def _number(value: str | None) -> int:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) <= 6 else 1
