"""A date field looks as a Dutch user sees it: "dd-mm-jjjj", day first (issue 23).

Chromium draws a native date input in its own language, not the page's: without Dutch
resources and LANG the walk's screenshots showed "12/11/2026" (month first) on a Dutch page.
The field's parts are read from the browser's accessibility tree, in the order it draws them.
"""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def date_parts(page, selector):
    """The spin buttons and placeholders of the first date input under `selector`."""
    page.locator(selector).first.focus()
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    parts = []
    for node in nodes:
        role = node.get("role", {}).get("value")
        name = node.get("name", {}).get("value", "")
        if role == "spinbutton" or (role == "StaticText" and name in ("dd", "mm", "jjjj", "-")):
            parts.append(name.split()[0] if role == "spinbutton" else name)
    return parts


def test_an_empty_date_field_asks_for_dd_mm_jjjj_in_dutch(cast, page, as_user, shot):
    as_user(page, cast.regisseur)
    page.goto("/casussen/aanmelden/")
    assert page.locator("html").get_attribute("lang") == "nl"
    field = page.locator('input[type="date"]').first
    field.scroll_into_view_if_needed()
    shot(page, "date-input-dutch")
    parts = date_parts(page, 'input[type="date"]')
    # Day, month, year in that order, with Dutch names and the placeholder dd-mm-jjjj.
    assert parts[:5] == ["Dag", "-", "Maand", "-", "Jaar"], parts
    assert "jjjj" in parts, parts
