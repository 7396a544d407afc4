"""Plus-task participation stored once: aftercare's participation is who buys the aftercare
plus task; finance reads it for a year that is not adopted and freezes it when adopting."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from aftercare.models import Participation
from aftercare.services import set_participation
from finance import services
from finance.figures import contributions_for
from finance.models import FinanceYear, PlusTask, YearStatus
from tests.finance.factories import twelve_municipalities

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "finance.migrations.0005_plustask_buyers_from_aftercare_participation"
)


@pytest.fixture
def towns(cast):
    return twelve_municipalities()


def _year(cast, year, *, amount=30000):
    finance_year = services.create_year(year=year, created_by=cast.financien)
    services.save_plus_task(
        year=finance_year,
        name="Nazorg ex-gedetineerden",
        amount=amount,
        follows_aftercare=True,
        changed_by=cast.financien,
    )
    return finance_year


def _plus(finance_year) -> dict[str, int]:
    """What each municipality pays for the aftercare plus task."""
    result = contributions_for(FinanceYear.objects.for_contributions().get(pk=finance_year.pk))
    assert result.error in (None, ""), result.error
    return {row.municipality.name: row.plus[0] for row in result.rows if row.plus[0]}


def test_a_draft_year_takes_its_buyers_from_aftercare_participation(cast, towns):
    set_participation(
        year=2031, municipalities=[towns["Assen"], towns["Emmen"]], changed_by=cast.manager
    )
    draft = _year(cast, 2031)
    assert _plus(draft) == {"Assen": 15000, "Emmen": 15000}
    assert list(draft.plus_tasks.get().municipalities.all()) == []  # stored once: in aftercare


def test_a_participation_change_moves_a_draft_years_contributions(cast, towns):
    set_participation(
        year=2031, municipalities=[towns["Assen"], towns["Emmen"]], changed_by=cast.manager
    )
    draft = _year(cast, 2031)
    set_participation(
        year=2031,
        municipalities=[towns["Assen"], towns["Emmen"], towns["Meppel"]],
        changed_by=cast.manager,
    )
    assert _plus(draft) == {"Assen": 10000, "Emmen": 10000, "Meppel": 10000}


def test_a_participation_change_leaves_an_adopted_years_contributions_alone(cast, towns):
    set_participation(
        year=2031, municipalities=[towns["Assen"], towns["Emmen"]], changed_by=cast.manager
    )
    adopted = _year(cast, 2031)
    services.change_year_status(
        finance_year=adopted, to=YearStatus.ADOPTED, changed_by=cast.financien, reason="test"
    )
    task = adopted.plus_tasks.get()
    assert sorted(m.name for m in task.municipalities.all()) == ["Assen", "Emmen"]  # frozen

    set_participation(
        year=2031,
        municipalities=[towns["Assen"], towns["Emmen"], towns["Meppel"]],
        changed_by=cast.manager,
    )
    assert _plus(adopted) == {"Assen": 15000, "Emmen": 15000}

    # Reopened, the year follows participation again (and holds no buyers of its own).
    services.change_year_status(
        finance_year=adopted, to=YearStatus.CONCEPT, changed_by=cast.financien, reason="test"
    )
    assert list(task.municipalities.all()) == []
    assert _plus(adopted) == {"Assen": 10000, "Emmen": 10000, "Meppel": 10000}


def test_a_year_without_participation_of_its_own_follows_the_last_earlier_list(cast, towns):
    set_participation(year=2030, municipalities=[towns["Meppel"]], changed_by=cast.manager)
    assert _plus(_year(cast, 2032, amount=500)) == {"Meppel": 500}


def test_without_any_participation_the_aftercare_plus_task_says_so_and_is_not_adopted(cast, towns):
    Participation.objects.filter(year__lte=2031).delete()
    draft = _year(cast, 2031)
    result = contributions_for(FinanceYear.objects.for_contributions().get(pk=draft.pk))
    assert result.error == (
        "Voor de plustaak Nazorg ex-gedetineerden zijn in 2031 geen deelnemende gemeenten "
        "nazorg vastgelegd (Nazorg, Deelnemende gemeenten)."
    )
    with pytest.raises(services.FinanceError, match="Vaststellen kan nog niet"):
        services.change_year_status(
            finance_year=draft, to=YearStatus.ADOPTED, changed_by=cast.financien, reason="test"
        )


def test_a_year_has_one_plus_task_that_follows_aftercare(cast, towns):
    draft = _year(cast, 2031)
    with pytest.raises(ValidationError, match="al een plustaak die de deelnemende"):
        services.save_plus_task(
            year=draft,
            name="Nazorg tweede",
            amount=1,
            follows_aftercare=True,
            changed_by=cast.financien,
        )


def test_the_next_years_draft_follows_participation_too(cast, towns):
    set_participation(year=2031, municipalities=[towns["Assen"]], changed_by=cast.manager)
    draft = services.draft_next_year(
        source=_year(cast, 2031), indexation_pct=Decimal("0"), created_by=cast.financien
    )
    task = draft.plus_tasks.get()
    assert task.follows_aftercare and list(task.municipalities.all()) == []
    set_participation(year=2032, municipalities=[towns["Emmen"]], changed_by=cast.manager)
    assert _plus(draft) == {"Emmen": 30000}


def test_the_contributions_page_shows_the_buyers_and_takes_a_following_plus_task(
    client_for, cast, towns
):
    set_participation(
        year=2031, municipalities=[towns["Assen"], towns["Emmen"]], changed_by=cast.manager
    )
    draft = services.create_year(year=2031, created_by=cast.financien)
    client = client_for(cast.financien)
    response = client.post(
        reverse("finance:plus_task_create", args=[2031]),
        {
            "name": "Nazorg ex-gedetineerden",
            "amount": "3000",
            "basis": "gelijk",
            "follows_aftercare": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("finance:contributions", args=[2031])).content.decode()
    assert "over Assen, Emmen (de deelnemende gemeenten nazorg van 2031)" in page
    assert draft.plus_tasks.get().follows_aftercare

    response = client.post(
        reverse("finance:plus_task_create", args=[2031]),
        {"name": "TVO", "amount": "300", "basis": "gelijk"},
    )
    assert response.status_code == 400  # the form again, with the message at the field
    assert "Kies de gemeenten die deze plustaak afnemen." in response.content.decode()
    assert not draft.plus_tasks.filter(name="TVO").exists()


def test_the_migration_lets_participation_win_in_a_draft_and_keeps_an_adopted_year(cast, towns):
    set_participation(
        year=2031, municipalities=[towns["Assen"], towns["Emmen"]], changed_by=cast.manager
    )
    draft = services.create_year(year=2031, created_by=cast.financien)
    adopted = services.create_year(year=2032, created_by=cast.financien)
    for finance_year in (draft, adopted):
        services.save_plus_task(
            year=finance_year,
            name="Nazorg ex-gedetineerden",
            amount=600,
            municipalities=[towns["Meppel"], towns["Assen"]],  # differs from participation
            changed_by=cast.financien,
        )
        services.save_plus_task(
            year=finance_year,
            name="TVO",
            amount=300,
            municipalities=[towns["Meppel"]],
            changed_by=cast.financien,
        )
    FinanceYear.objects.filter(pk=adopted.pk).update(status=YearStatus.ADOPTED)

    migration.follow_participation(apps, None)

    nazorg = PlusTask.objects.filter(name="Nazorg ex-gedetineerden")
    assert all(nazorg.values_list("follows_aftercare", flat=True))
    assert _plus(draft) == {"Assen": 300, "Emmen": 300}  # participation wins
    assert list(nazorg.get(year=draft).municipalities.all()) == []
    adopted.refresh_from_db()
    assert sorted(m.name for m in nazorg.get(year=adopted).municipalities.all()) == [
        "Assen",
        "Meppel",
    ]
    assert not PlusTask.objects.get(year=draft, name="TVO").follows_aftercare
    assert [m.name for m in PlusTask.objects.get(year=draft, name="TVO").municipalities.all()] == [
        "Meppel"
    ]


def test_the_migration_keeps_finances_buyers_where_participation_says_nothing(cast, towns):
    Participation.objects.filter(year__lte=2031).delete()
    draft = services.create_year(year=2031, created_by=cast.financien)
    services.save_plus_task(
        year=draft,
        name="Plustaak nazorg",
        amount=600,
        municipalities=[towns["Meppel"], towns["Assen"]],
        changed_by=cast.financien,
    )

    migration.follow_participation(apps, None)

    assert sorted(m.name for m in Participation.objects.municipalities_in(2031)) == [
        "Assen",
        "Meppel",
    ]
    assert _plus(draft) == {"Assen": 300, "Meppel": 300}
