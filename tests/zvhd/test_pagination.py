"""A page number past the end or no number at all: every paginated list shows its last (or
first) page, never a 404. Such links are kept in bookmarks and in the browser's history after
the list shrank; Django's ListView answered them with "Pagina niet gevonden" (issue 24's walk).
The registers paginate in their table (zvhd.tables.TablePaginatesMixin), the other lists through
zvhd.views.PageOrLastMixin."""

import pytest
from django.urls import reverse

LISTS = [
    ("nazorg", "aftercare:record_list"),
    ("gemeente", "aftercare:municipal_list"),
    ("mensenhandel", "trafficking:signal_list"),
    ("mensenhandel", "trafficking:meeting_list"),
    ("mensenhandel", "trafficking:awareness_list"),
    ("regisseur", "advice:list"),
    ("regisseur", "advice:directory"),
    ("regisseur", "advice:signal_list"),
    ("beheerder", "network:user_list"),
    ("beheerder", "network:organisation_list"),
    ("beheerder", "imports:list"),
    ("privacy", "privacy:access_requests"),
    ("privacy", "privacy:destruction_lists"),
]


@pytest.mark.parametrize(("user", "name"), LISTS)
@pytest.mark.parametrize("page", ["99999", "0", "-3", "abc", "last", "9" * 400])
def test_a_page_past_the_end_or_no_number_shows_a_page_of_the_list(
    cast, client_for, user, name, page
):
    response = client_for(getattr(cast, user)).get(reverse(name), {"page": page})
    assert response.status_code == 200
