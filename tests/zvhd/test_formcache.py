"""zvhd.formcache: an empty form drawn once for everyone who sees the same form (issue 24)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advice.forms import PanelAdviceForm
from zvhd.formcache import cached_html, form_cache_key
from zvhd.network.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_the_start_pages_advice_form_is_the_same_html_drawn_or_from_the_cache(cast):
    drawn = str(PanelAdviceForm(user=cast.regisseur, prefix=None))
    first = cached_html(PanelAdviceForm(user=cast.regisseur, prefix=None))
    with CaptureQueriesContext(connection) as queries:
        again = cached_html(PanelAdviceForm(user=cast.manager, prefix=None))
    assert first == drawn == again
    # A hit reads each choice list once for the key and draws nothing.
    assert len(queries) <= 3


def test_a_new_organisation_makes_a_new_key(cast):
    key = form_cache_key(PanelAdviceForm(user=cast.regisseur), owner=PanelAdviceForm)
    Organisation.objects.create(name="Stichting Nieuw Begin", short_name="SNB", kind="zorg")
    form = PanelAdviceForm(user=cast.regisseur)
    assert form_cache_key(form, owner=PanelAdviceForm) != key
    assert "Stichting Nieuw Begin" in cached_html(form)


def test_a_bound_form_is_drawn_and_never_kept(cast):
    form = PanelAdviceForm({"requester_name": "Jansen", "question": "Wie?"}, user=cast.regisseur)
    html = cached_html(form)
    assert 'value="Jansen"' in html
    assert form_cache_key(form, owner=PanelAdviceForm, data=form.data, bound=True) is None


def test_a_widgets_own_choices_are_part_of_the_key():
    """A select over a field that is no ChoiceField (the users' yes/no "Actief" filter): its
    options are in the key, so other labels make another key, not the old HTML."""
    from django import forms

    def form_with(label):
        class YesNo(forms.Form):
            active = forms.NullBooleanField(
                widget=forms.Select(choices=[("", label), ("true", "Ja"), ("false", "Nee")])
            )

        return YesNo()

    assert form_cache_key(form_with("Alle"), owner=forms.Form) != form_cache_key(
        form_with("Onbekend"), owner=forms.Form
    )
    assert "Alle" in cached_html(form_with("Alle"))
