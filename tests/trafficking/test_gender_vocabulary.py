"""Gender is one vocabulary (zvhd.vocabulary.Gender): a signal stores what a case's person
stores, the data migration rewrote the old codes, and only the CoMensha file keeps its own."""

import importlib

from django.apps import apps

from tests.trafficking.factories import make_signal
from trafficking.models import Signal
from trafficking.views import comensha_row
from zvhd.vocabulary import Gender


def test_a_signal_and_a_case_person_record_gender_in_the_same_values():
    from cases.models import Person

    assert Signal._meta.get_field("gender").choices == Gender.choices
    assert Person._meta.get_field("gender").choices == Gender.choices


def test_the_migration_rewrites_the_old_codes_of_signals_and_their_history(cast):
    migration = importlib.import_module("trafficking.migrations.0003_gender_in_one_vocabulary")
    signal = make_signal(by=cast.mensenhandel, organisation=cast.ggz)
    for old, new in [("v", Gender.FEMALE), ("m", Gender.MALE), ("x", Gender.OTHER)]:
        Signal.objects.filter(pk=signal.pk).update(gender=old)
        signal.history.update(gender=old)
        migration.to_house_values(apps, None)
        signal.refresh_from_db()
        assert signal.gender == new
        assert set(signal.history.values_list("gender", flat=True)) == {new}
    migration.to_old_codes(apps, None)
    signal.refresh_from_db()
    assert signal.gender == "x"


def test_the_comensha_file_keeps_comenshas_own_gender_codes(cast):
    signal = make_signal(by=cast.mensenhandel, organisation=cast.ggz, gender=Gender.FEMALE)
    assert "v" in comensha_row(signal)
    signal.gender = Gender.UNKNOWN
    assert "onbekend" in comensha_row(signal)
