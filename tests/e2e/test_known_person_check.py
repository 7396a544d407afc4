"""The intake's "already known?" check in the browser: an htmx POST, nothing in the address."""

from datetime import date
from urllib.parse import urlsplit

import pytest

from tests.cases.factories import make_case, person_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_see_a_known_person_while_registering_without_data_in_any_url(cast, page, as_user):
    known = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, last_name="Meijer", birth_date=date(1987, 6, 15)),
    )
    requested = []
    page.on("request", lambda request: requested.append((request.method, request.url)))
    as_user(page, cast.ondersteuner)
    page.goto("/casussen/aanmelden/")
    page.get_by_label("Achternaam").fill("Meijer")
    page.get_by_label("Geboortedatum").first.fill("1987-06-15")
    page.get_by_label("BSN").click()  # leaves the date field: its change event fires
    page.get_by_text("Mogelijk al bekend").wait_for()
    assert known.number in page.locator("#known-person").inner_text()
    checks = [(m, u) for m, u in requested if "/aanmelden/bekend/" in u]
    assert checks and all(m == "POST" and "?" not in u for m, u in checks)
    # Path and query only: the test server's port may itself contain "1987" (it did: 41987).
    addresses = [urlsplit(u)._replace(scheme="", netloc="").geturl() for _m, u in requested]
    assert not any("Meijer" in a or "1987" in a for a in addresses)
