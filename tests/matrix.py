"""One permission matrix for every app: who gets which answer on which page, as data.

A matrix is a list of `Row`s. A row is one page (URL name), the record it is opened for (a key
of the test's `records`, or None), and the answer every person gets: a dict person → status.
The people are the cast (tests/cast.py) plus any extra
people an app has (the trafficking app's Drieluik member). A row names every person unless the
app's matrix always asked only some of them (then those).

    ROWS = [
        Row("advice:list", None, {"regisseur": 200, "manager": 200, "nobody": 403, ...}),
        Row("advice:detail", "assen", {"regisseur": 200, "gemeente_other": 404, ...}),
        Row("finance:year", "2025", {...}, args=[2025]),
        Row("trafficking:comensha", "signal", {...}, method="post", data={...}),
    ]

    @pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
    def test_the_matrix(row, cast, client, records):
        check(row, client=client, people=people_of(cast), records=records)

    def test_every_page_is_in_the_matrix():
        assert_covers("advice", ROWS, elsewhere={"advice:signal_status": "POST only: ..."})

`check` asks every person and reports all wrong answers at once. `assert_covers` fails when a
URL name of the app is not in the matrix, nor in `elsewhere` (with the test that covers it),
nor in `untested` (the app's known gap), so a new page cannot be added without saying who may
open it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.urls import get_resolver, reverse

from tests.cast import CAST_USERS


@dataclass(frozen=True)
class Row:
    """One page for one record: the status each person gets."""

    url_name: str
    record: str | None
    expected: Mapping[str, int]
    method: str = "get"
    data: Mapping | None = None
    # The URL's arguments when they are not the record's primary key: a list, or a function
    # of `records` (then `record` only names the row).
    args: Callable | Sequence | None = field(default=None, compare=False)

    @property
    def id(self) -> str:
        suffix = f"-{self.record}" if self.record else ""
        return f"{self.method.upper()} {self.url_name}{suffix}"

    def url(self, records: Mapping) -> str:
        if self.args is not None:
            args = self.args(records) if callable(self.args) else self.args
            return reverse(self.url_name, args=list(args))
        if self.record is None:
            return reverse(self.url_name)
        record = records[self.record]
        return reverse(self.url_name, args=[getattr(record, "pk", record)])


def ids(rows: Iterable[Row]) -> list[str]:
    return [row.id for row in rows]


def cells(rows: Iterable[Row]) -> int:
    """How many (page, record, method, person) answers the matrix asserts."""
    return sum(len(row.expected) for row in rows)


def people_of(cast, **extra) -> dict:
    """The cast by name, plus an app's extra people."""
    return {**{name: getattr(cast, name) for name in CAST_USERS}, **extra}


def check(row: Row, *, client, people: Mapping, records: Mapping | None = None) -> None:
    """Ask every person of `row.expected`; fail with every wrong answer at once."""
    unknown = set(row.expected) - set(people)
    assert not unknown, f"{row.id}: not among the people: {sorted(unknown)}"
    url = row.url(records or {})
    wrong = []
    for name, status in row.expected.items():
        client.force_login(people[name])
        if row.method == "post":
            answer = client.post(url, dict(row.data or {})).status_code
        else:
            answer = client.get(url, dict(row.data or {})).status_code
        if answer != status:
            wrong.append(f"{name}: got {answer}, expected {status}")
    client.logout()
    assert not wrong, f"{row.id} ({url})\n" + "\n".join(wrong)


def url_names(namespace: str) -> set[str]:
    """Every URL name of an app's namespace, as "namespace:name"."""
    resolver = get_resolver()
    _prefix, sub = resolver.namespace_dict[namespace]
    return {
        f"{namespace}:{name}"
        for name in sub.reverse_dict
        if isinstance(name, str)  # reverse_dict also holds the views themselves
    }


def assert_covers(
    namespace: str,
    rows: Iterable[Row],
    *,
    elsewhere: Mapping[str, str] | None = None,
    untested: Iterable[str] = (),
):
    """Every URL name of `namespace` is in the matrix, or in `elsewhere` with the test that
    covers it, or in `untested`: the app's known gap, kept visible until it has rows."""
    elsewhere = dict(elsewhere or {})
    untested = set(untested)
    names = url_names(namespace)
    covered = {row.url_name for row in rows if row.url_name.startswith(f"{namespace}:")}
    missing = names - covered - set(elsewhere) - untested
    assert not missing, f"URL names of {namespace} missing from its matrix: {sorted(missing)}"
    stale = (covered | set(elsewhere) | untested) - names
    assert not stale, f"names in the matrix of {namespace} that are no URL of it: {sorted(stale)}"
    twice = covered & untested
    assert not twice, f"in the matrix now, so no longer untested: {sorted(twice)}"
    assert all(reason.strip() for reason in elsewhere.values()), "say where a page is tested"
