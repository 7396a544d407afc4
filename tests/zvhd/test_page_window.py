"""The pagination's page numbers (zvhd.templatetags.zvhd.page_window)."""

from types import SimpleNamespace

from zvhd.templatetags.zvhd import page_window


def _page(number, last):
    return SimpleNamespace(number=number, paginator=SimpleNamespace(num_pages=last))


def _walked(number, last):
    """What the templates showed when they walked every page number."""
    low, high = number - 2, number + 2
    shown = []
    for n in range(1, last + 1):
        if n == 1 or n == last or low <= n <= high:
            shown.append(n)
        elif n in (low - 1, high + 1):
            shown.append(None)
    return shown


def test_the_window_is_what_walking_every_page_showed():
    for last in range(1, 13):
        for number in range(1, last + 1):
            assert page_window(_page(number, last)) == _walked(number, last), (number, last)


def test_a_page_of_many_reads_only_its_window():
    assert page_window(_page(2000, 100_000)) == [
        1,
        None,
        1998,
        1999,
        2000,
        2001,
        2002,
        None,
        100_000,
    ]
