"""Texts Django 6.1 itself does not translate yet come from our own locale (locale/nl)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_empty_select_option_is_dutch_on_the_page(cast, client_for):
    # The access log's "Soort gegeven" select has Django's own empty option.
    page = client_for(cast.privacy).get(reverse("privacy:access_log")).content.decode()
    assert "Select an option" not in page
    assert "— kies een optie —" in page
