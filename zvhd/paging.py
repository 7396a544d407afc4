"""Keyset paging for the big lists: "next page" after the last row shown, never a COUNT over
the table and never an OFFSET.

A list of 1,000,000 cases costs the same per page as one of 100: the page is the next `size`
rows after the last one shown (`?voor=<id>`), read with one LIMIT query that asks one row more
than it shows to know whether there is a further page.

The order is newest first by id, or a `KeysetOrder`: sort keys (expressions) with the id as
the last, unique key, all walked in one direction. One direction is what makes the next page
one row comparison, `(k1, k2, id) < (v1, v2, v3)`, which PostgreSQL uses as the start of an
index scan on an index over the same expressions: the page after row 900,000 is a seek, not a
walk past 900,000 rows (an `OR` of "k1 < v1 or k1 = v1 and id < v3" is only a filter, and a
key of two values, such as open or closed, would be walked half a table deep). The marker
stays the id of the last row: its keys are read again through the same (scoped, filtered)
queryset, so a marker of a row the reader may not see simply starts at the first page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Expression, F, Value

PARAM = "voor"


@dataclass(frozen=True)
class KeysetPage:
    rows: list[dict]
    next_query: str | None  # the query string of the next page, if there is one
    first_query: str | None  # the query string of the first page, when this is not it


@dataclass(frozen=True)
class KeysetOrder:
    """Sort `keys` (expressions, none NULL: coalesce a nullable field) then the id, all
    descending or all ascending. Keep an index on exactly these expressions and the id."""

    keys: tuple = ()
    descending: bool = True


NEWEST_FIRST = KeysetOrder()


class RowCompare(Expression):
    """`(a, b, ...) < (x, y, ...)` (or `>`): SQL's row comparison, which Django does not write."""

    conditional = True

    def __init__(self, lhs, op: str, rhs):
        if op not in ("<", ">"):
            raise ValueError(op)
        super().__init__(output_field=BooleanField())
        self.lhs = list(lhs)
        self.rhs = [Value(value) for value in rhs]
        self.op = op

    def get_source_expressions(self):
        return [*self.lhs, *self.rhs]

    def set_source_expressions(self, exprs):
        self.lhs, self.rhs = list(exprs[: len(self.lhs)]), list(exprs[len(self.lhs) :])

    def as_sql(self, compiler, connection):
        params, sides = [], []
        for side in (self.lhs, self.rhs):
            parts = []
            for expression in side:
                sql, part_params = compiler.compile(expression)
                parts.append(sql)
                params.extend(part_params)
            sides.append(", ".join(parts))
        return f"({sides[0]}) {self.op} ({sides[1]})", params


def _keys(order: KeysetOrder) -> dict:
    return {f"keyset_{n}": key for n, key in enumerate(order.keys)}


def _order_by(queryset, names, descending: bool):
    return queryset.order_by(*(F(n).desc() if descending else F(n).asc() for n in names))


def ordered(queryset, order: KeysetOrder = NEWEST_FIRST):
    """`queryset` in `order` (an export of a list reads its rows in the list's order)."""
    keys = _keys(order)
    return _order_by(queryset.alias(**keys) if keys else queryset, [*keys, "pk"], order.descending)


def keyset_page(
    request,
    queryset,
    *,
    fields,
    size: int,
    param: str = PARAM,
    order: KeysetOrder = NEWEST_FIRST,
) -> KeysetPage:
    """The page of `queryset` in `order` that `request` asks for, as `values(*fields)` rows
    (`fields` includes "pk"); the other query parameters (filters, sort) are kept."""
    keys = _keys(order)
    base = queryset
    if keys:
        queryset = queryset.alias(**keys)
    names = [*keys, "pk"]
    before = request.GET.get(param, "")
    after = int(before) if before.isdigit() and len(before) < 19 else None
    op = "<" if order.descending else ">"
    if after is not None and not keys:
        queryset = queryset.filter(**{f"pk__{'lt' if order.descending else 'gt'}": after})
    elif after is not None:
        # The marker row's keys, through the same queryset (one lookup by primary key).
        marker = base.annotate(**keys).filter(pk=after).values_list(*names).first()
        if marker is not None:
            queryset = queryset.filter(RowCompare([F(name) for name in names], op, marker))
        else:
            after = None
    rows = list(_order_by(queryset, names, order.descending).values(*fields)[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    query = request.GET.copy()
    query.pop(param, None)
    next_query = None
    if has_more:
        query[param] = rows[-1]["pk"]
        next_query = query.urlencode()
        query.pop(param)
    return KeysetPage(rows, next_query, query.urlencode() if after is not None else None)
