"""The registers' rows built in Python (zvhd.tables.table_rows_html) and their filter form from
the cache (ScopedFilterSet.rendered_form) give the page django-tables2's template loop and
`{{ filter.form }}` gave (issue 24): compared on the demo data, register by register, for
the readers with and without identities, sorted, filtered and on a later page."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client

from zvhd.network.models import User

PAGES = [
    ("drieluik", "/mensenhandel/signalen/"),
    ("drieluik", "/mensenhandel/signalen/?sort=-received_on"),
    ("manager", "/mensenhandel/signalen/"),  # without identities (the pseudonymised table)
    ("mensenhandel", "/mensenhandel/signalen/?sort=status&status=afgesloten"),
    ("regisseur", "/advies/vragen/"),
    ("regisseur", "/advies/vragen/?sort=organisation&page=2"),
    ("regisseur", "/advies/vragen/?kind=bestaat-niet"),  # an invalid choice: the form's error
    ("regisseur", "/advies/vragen/?q=jan"),  # a search term: never cached
    ("gemeente.assen", "/advies/vragen/"),
    ("regisseur", "/advies/signalen/"),
    ("regisseur", "/advies/sociale-kaart/"),
    ("nazorg", "/nazorg/"),
    ("nazorg", "/nazorg/?sort=-name"),
    ("beheerder", "/beheer/gebruikers/"),
    ("beheerder", "/beheer/organisaties/"),
]


def _main(html: str) -> str:
    html = re.search(r"<main.*</main>", html, re.S).group(0)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html))


@pytest.mark.parametrize(("username", "url"), PAGES)
def test_a_register_page_is_the_same_as_the_template_drew_it(
    demo_database, monkeypatch, username, url
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import zvhd.filters
    import zvhd.formcache
    import zvhd.tables

    client = Client()
    client.force_login(User.objects.get(username=username))
    assert client.get(url).status_code == 200  # the session and the minute caches settle
    # A key of its own (the version is in it): the next request draws the form, a miss.
    monkeypatch.setattr(zvhd.formcache, "FORM_CACHE_VERSION", f"test-{uuid.uuid4()}")
    fast, counts = [], []
    for _ in range(2):  # the form drawn (a miss), then from the cache
        with CaptureQueriesContext(connection) as queries:
            fast.append(client.get(url))
        counts.append(len(queries))
    assert all(response.status_code == 200 for response in fast)
    if "kind=" not in url and "q=" not in url:  # those two find nothing: the empty text
        assert fast[0].context["table"].rows, "the demo has rows for this register"

    monkeypatch.setattr(zvhd.tables, "table_rows_html", lambda table, context: None)
    monkeypatch.setattr(zvhd.filters.ScopedFilterSet, "rendered_form", lambda self: str(self.form))
    with CaptureQueriesContext(connection) as queries:
        slow = client.get(url)
    assert slow.status_code == 200
    # The same queries as the template and `{{ filter.form }}` asked, drawn or from the cache
    # (a model choice list read once, and without a COUNT first).
    assert counts == [len(queries), len(queries)]
    expected = _main(slow.content.decode())
    assert "<tbody" in expected
    for response in fast:
        assert _main(response.content.decode()) == expected


def test_register_rows_are_drawn_by_the_template_where_a_column_reads_the_record_for_its_attrs():
    import django_tables2 as tables
    from django.template import Context

    from zvhd.tables import table_rows_html

    class Plain(tables.Table):
        name = tables.Column(attrs={"td": {"class": "zvhd-nowrap"}})

    class PerRecord(tables.Table):
        name = tables.Column(attrs={"td": {"data-name": lambda record: record["name"]}})

    data = [{"name": "<b>a</b>"}, {"name": ""}]
    html = table_rows_html(Plain(data), Context())
    assert html.count("<tr ") == 2
    assert "&lt;b&gt;a&lt;/b&gt;" in html  # escaped as {{ cell }} escaped it
    assert "—" in html  # the empty value as the column's default
    assert table_rows_html(PerRecord(data), Context()) is None
    assert table_rows_html(Plain([]), Context()) == ""
