"""The role sets of the cases app are read from its one policy table (cases/policy.py), not
restated: these pin what each derived set comes to, so a change of the table that moves one
is seen here."""

from cases import policy
from zvhd.network.models import Role
from zvhd.permissions import CHANGE, VIEW


def test_the_triage_queue_is_reached_by_the_bureau_leads_and_the_liaisons():
    assert {
        Role.PROCESREGISSEUR,
        Role.PROCESONDERSTEUNER,
        Role.MANAGER,
        Role.LIAISON,
    } == policy.TRIAGE_QUEUE_ROLES


def test_the_ketenkamer_is_attended_by_the_triage_queue_and_run_by_who_screens():
    assert policy.KETENKAMER[VIEW] == set(policy.TRIAGE_QUEUE_ROLES)
    assert policy.KETENKAMER[CHANGE] == {
        Role.MANAGER,
        Role.PROCESREGISSEUR,
        Role.PROCESONDERSTEUNER,
    }


def test_the_duplicate_check_is_for_whoever_sees_every_case_summary():
    assert {
        Role.PROCESREGISSEUR,
        Role.PROCESONDERSTEUNER,
        Role.MANAGER,
        Role.TRAJECTBEGELEIDER,
        Role.NAZORGCOORDINATOR,
        Role.KETENREGISSEUR_MENSENHANDEL,
    } == policy.DUPLICATE_CHECK_ROLES


def test_the_triage_menu_entry_and_panel_are_for_the_triage_queue_roles():
    from zvhd.apps_contract import contract

    cases = contract("cases")
    triage_item = next(i for i in cases.menu if i.url_name == "cases:triage_queue")
    triage_panel = next(p for p in cases.panels if p.template == "cases/panels/triage.html")
    assert triage_item.roles == triage_panel.roles == set(policy.TRIAGE_QUEUE_ROLES)
