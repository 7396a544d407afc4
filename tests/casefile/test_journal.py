"""The journal and the audience: what each reader sees, corrections, two writers, query counts,
and the case file in the inzage, the destruction and the timeline hooks."""

import pytest
from django.urls import reverse
from django.utils import timezone

from casefile import services, timeline
from casefile.models import Document, DocumentVersion, JournalEntry
from tests.casefile.factories import document, entry, other_case, own_case, pdf_upload

pytestmark = pytest.mark.django_db


def page(client_for, user, name, case):
    return client_for(user).get(reverse(f"casefile:{name}", args=[case.pk]))


def test_the_guide_logs_a_home_visit_on_the_case_they_guide(cast, client_for):
    case = own_case(cast)
    url = reverse("casefile:journal_add", args=[case.pk])
    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    response = client_for(cast.begeleider).post(
        url,
        {
            "kind": "huisbezoek",
            "occurred_on": yesterday.isoformat(),
            "occurred_time": "09:30",
            "text": "Huisbezoek: betrokkene thuis getroffen.",
            "audience": "team",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    item = JournalEntry.objects.get()
    assert item.author == cast.begeleider and item.get_kind_display() == "Huisbezoek"
    html = page(client_for, cast.partner, "journal", case).content.decode()
    assert "Huisbezoek: betrokkene thuis getroffen." in html


def test_the_audience_decides_who_reads_an_entry(cast, client_for):
    case = own_case(cast)
    entry(case, cast.regisseur, audience="bureau", text="ALLEENBUREAU")
    entry(case, cast.regisseur, audience="team", text="VOORHETTEAM")
    named = entry(
        case,
        cast.regisseur,
        audience="organisaties",
        text="VOORPOLITIE",
        organisations=[cast.politie],
    )
    assert list(named.audience_organisations.all()) == [cast.politie]
    seen = {
        name: page(client_for, getattr(cast, name), "journal", case).content.decode()
        for name in ("regisseur", "begeleider", "manager", "partner", "liaison_politie")
    }
    for bureau in ("regisseur", "begeleider", "manager"):
        assert all(t in seen[bureau] for t in ("ALLEENBUREAU", "VOORHETTEAM", "VOORPOLITIE"))
    assert "VOORHETTEAM" in seen["partner"]
    assert "ALLEENBUREAU" not in seen["partner"] and "VOORPOLITIE" not in seen["partner"]
    assert (
        "VOORPOLITIE" in seen["liaison_politie"] and "ALLEENBUREAU" not in seen["liaison_politie"]
    )
    # The municipal contact sees the summary of the case, and none of the journal.
    assert page(client_for, cast.gemeente, "journal", case).status_code == 403
    assert not JournalEntry.objects.visible_to(cast.gemeente).exists()


def test_organisations_must_be_named_when_chosen(cast):
    from django.core.exceptions import ValidationError

    case = own_case(cast)
    with pytest.raises(ValidationError) as refused:
        entry(case, cast.regisseur, audience="organisaties")
    assert "audience_organisations" in refused.value.message_dict


def test_a_journal_entry_on_a_case_one_may_not_see_is_a_404(cast, client_for):
    case = other_case(cast)
    item = entry(case, cast.regisseur_other)
    assert page(client_for, cast.partner, "journal", case).status_code == 404
    assert page(client_for, cast.partner, "journal_add", case).status_code == 404
    url = reverse("casefile:journal_correct", args=[item.pk])
    assert client_for(cast.partner).get(url).status_code == 404
    posted = client_for(cast.partner).post(
        reverse("casefile:journal_add", args=[case.pk]),
        {
            "kind": "notitie",
            "occurred_on": "2025-01-01",
            "occurred_time": "10:00",
            "text": "x",
            "audience": "team",
        },
    )
    assert posted.status_code == 404
    assert JournalEntry.objects.count() == 1


def test_two_people_writing_at_once_are_both_kept(cast, client_for):
    case = own_case(cast)
    url = reverse("casefile:journal_add", args=[case.pk])
    data = {
        "kind": "telefoon",
        # Yesterday: "today at 08:00" is in the future between midnight and eight (CI ran
        # at 00:49 and both entries were refused as written ahead of time).
        "occurred_on": (timezone.localdate() - timezone.timedelta(days=1)).isoformat(),
        "occurred_time": "08:00",
        "audience": "team",
    }
    first = client_for(cast.regisseur).get(url)
    second = client_for(cast.begeleider).get(url)
    assert first.status_code == second.status_code == 200
    client_for(cast.regisseur).post(url, {**data, "text": "EERSTE"})
    client_for(cast.begeleider).post(url, {**data, "text": "TWEEDE"})
    assert sorted(JournalEntry.objects.values_list("text", flat=True)) == ["EERSTE", "TWEEDE"]


def test_a_correction_is_a_new_version_and_the_old_text_stays(cast, client_for):
    case = own_case(cast)
    item = entry(case, cast.begeleider, text="Oude tekst")
    url = reverse("casefile:journal_correct", args=[item.pk])
    opened = client_for(cast.begeleider).get(url)
    assert opened.context["form"]["version"].value() == 1
    response = client_for(cast.begeleider).post(
        url, {"text": "Nieuwe tekst", "correction_reason": "Verkeerde datum genoemd", "version": 1}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "Nieuwe tekst" and item.version == 2 and item.is_corrected
    assert list(item.history.order_by("version").values_list("text", flat=True)) == [
        "Oude tekst",
        "Nieuwe tekst",
    ]
    html = page(client_for, cast.regisseur, "journal", case).content.decode()
    assert "Gecorrigeerd" in html and "Oude tekst" in html and "Verkeerde datum genoemd" in html
    # Someone who opened the form on version 1 gets the conflict, nothing is overwritten.
    stale = client_for(cast.begeleider).post(
        url, {"text": "Derde", "correction_reason": "nog een", "version": 1}
    )
    assert stale.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    item.refresh_from_db()
    assert item.text == "Nieuwe tekst"
    # Only the author corrects.
    assert client_for(cast.regisseur).get(url).status_code == 403


def test_the_journal_and_documents_tabs_do_not_grow_in_queries(cast, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = own_case(cast)

    def counts():
        found = {}
        for name in ("journal", "documents"):
            with CaptureQueriesContext(connection) as queries:
                assert page(client_for, cast.partner, name, case).status_code == 200
            found[name] = len(queries.captured_queries)
        return found

    for n in range(2):
        entry(
            case,
            cast.regisseur,
            text=f"regel {n}",
            audience="organisaties",
            organisations=[cast.ggz],
        )
        document(
            case,
            cast.regisseur,
            title=f"doc {n}",
            audience="organisaties",
            organisations=[cast.ggz],
        )
    first = JournalEntry.objects.filter(case=case).first()
    services.correct_journal_entry(entry=first, corrected_by=cast.regisseur, text="c", reason="r")
    counts()  # the session and caches warm
    few = counts()
    for n in range(15):
        item = entry(case, cast.regisseur, text=f"meer {n}")
        services.correct_journal_entry(
            entry=item, corrected_by=cast.regisseur, text="c", reason="r"
        )
        doc = document(case, cast.regisseur, title=f"meer {n}")
        services.add_document_version(
            document=doc, uploaded_by=cast.regisseur, upload=pdf_upload(title="v2")
        )
    many = counts()
    assert many == few, (few, many)
    # Pinned: the session, user, the door with the case's permissions and then the case's
    # row (CasePageMixin.read_object: two queries), the items, their organisations, the
    # earlier versions or file versions, and one INSERT into the access log.
    # 17 with a shared cache (Redis); without one (`make test` with nothing configured) the
    # session and the menu's cached parts come from the database: 19.
    assert few["journal"] <= 19 and few["documents"] <= 19, few


def test_the_timeline_hooks_are_one_query_each_and_follow_the_door(cast, django_assert_num_queries):
    case = own_case(cast)
    entry(case, cast.regisseur, audience="bureau", kind="huisbezoek")
    entry(case, cast.regisseur, audience="team", kind="telefoon")
    document(case, cast.partner, audience="bureau", title="Rapport reclassering")
    for user in (cast.manager, cast.partner, cast.liaison_politie, cast.gemeente):
        assert user.role_names is not None  # the roles are read once per request anyway
    with django_assert_num_queries(1):
        items = timeline.journal_items(case, cast.manager)
    assert {i.title for i in items} == {"Huisbezoek", "Telefoongesprek"}
    assert all(i.kind == "journaal" and i.actor and i.when and i.url for i in items)
    with django_assert_num_queries(1):
        docs = timeline.document_items(case, cast.manager)
    # The kind is not said twice ("Rapport: Rapport reclassering" before).
    assert docs[0].title == "Rapport reclassering" and docs[0].kind == "document"
    assert [i.title for i in timeline.journal_items(case, cast.partner)] == ["Telefoongesprek"]
    assert timeline.document_items(case, cast.liaison_politie) == []
    assert timeline.journal_items(case, cast.gemeente) == []


def test_the_inzage_lists_the_journal_and_attaches_the_documents(cast):
    from zvhd.privacy.registry import find_person

    case = own_case(cast)
    entry(case, cast.regisseur, text="Gesprek over schulden")
    document(case, cast.regisseur, title="Toestemming")
    person = case.person
    sections = dict(find_person(last_name=person.last_name, birth_date=person.birth_date))
    found = sections["Logboek en documenten bij casussen"]
    assert any(("Verslag", "Gesprek over schulden") in r.fields for r in found)
    doc = next(r for r in found if r.title.startswith("Document"))
    assert doc.attachments and doc.attachments[0][0].endswith(".pdf")
    # The inzage PDF carries the file itself, embedded (zvhd/pdf.py `attachments`).
    from zvhd.pdf import html_to_pdf

    with doc.attachments[0][1].open("rb") as handle:
        pdf = html_to_pdf("<p>Inzage</p>", [(doc.attachments[0][0], handle.read())])
    assert b"/EmbeddedFile" in pdf


def test_destroying_the_case_destroys_its_journal_and_files_and_names_them_by_id(cast):
    from pathlib import Path

    from zvhd.privacy.registry import anonymise, destroyed_attachments

    case = own_case(cast)
    item = entry(case, cast.regisseur, text="Geheim")
    services.correct_journal_entry(entry=item, corrected_by=cast.regisseur, text="x", reason="r")
    doc = document(case, cast.regisseur, title="Rapport met naam")
    paths = [Path(v.file.path) for v in doc.versions.all()]
    assert all(p.exists() for p in paths)
    anonymise("cases.case", [case.pk], reason="Vernietigd volgens vernietigingslijst 1")
    assert not JournalEntry.objects.exists() and not JournalEntry.history.exists()
    assert not any(p.exists() for p in paths)
    assert not DocumentVersion.objects.exists()
    doc = Document._base_manager.get(pk=doc.pk)
    assert doc.title == "" and doc.destroyed_at is not None and not doc.history.exists()
    assert destroyed_attachments("cases.case", [case.pk]) == {case.pk: [f"document {doc.pk}"]}


def test_the_case_timeline_shows_journal_and_documents_through_the_door(cast, client_for):
    case = own_case(cast)
    entry(case, cast.begeleider, audience="team", text="Huisbezoek, deur open.")
    document(case, cast.partner, audience="bureau", title="Risicorapport")
    url = reverse("cases:case_timeline", args=[case.pk])
    director = client_for(cast.regisseur).get(url).content.decode()
    assert "Logboek" in director and "Risicorapport" in director
    partner = client_for(cast.partner).get(url).content.decode()
    # The partner uploaded it, so reads it; the guide's team entry is theirs to read too.
    assert "Risicorapport" in partner
    police = client_for(cast.liaison_politie).get(url)
    assert police.status_code == 200
    assert "Risicorapport" not in police.content.decode()
    only_journal = client_for(cast.regisseur).get(url, {"soort": "logboek"}).content.decode()
    assert "Risicorapport" not in only_journal


def test_the_timeline_applies_each_items_audience(cast, client_for):
    """The timeline reads every source in one query; each part keeps its own door: bureau
    only, the case team, the named organisations (and the author always)."""
    from cases import timeline as case_timeline

    case = own_case(cast)
    entry(case, cast.regisseur, audience="bureau", kind="huisbezoek")
    entry(case, cast.regisseur, audience="team", kind="telefoon")
    entry(case, cast.regisseur, audience="organisaties", kind="email", organisations=[cast.politie])
    document(case, cast.regisseur, audience="bureau", title="ALLEENBUREAU")
    document(case, cast.regisseur, audience="team", title="VOORHETTEAM")
    document(
        case,
        cast.regisseur,
        audience="organisaties",
        title="VOORPOLITIE",
        organisations=[cast.politie],
    )

    def seen(user):
        return sorted(
            i.title for i in case_timeline.timeline(case, user, only=["logboek", "document"])
        )

    everything = [
        "E-mail",
        "Huisbezoek",
        "Rapport: ALLEENBUREAU",
        "Rapport: VOORHETTEAM",
        "Rapport: VOORPOLITIE",
        "Telefoongesprek",
    ]
    assert seen(cast.regisseur) == seen(cast.manager) == everything
    assert seen(cast.partner) == ["Rapport: VOORHETTEAM", "Telefoongesprek"]
    assert seen(cast.liaison_politie) == [
        "E-mail",
        "Rapport: VOORHETTEAM",
        "Rapport: VOORPOLITIE",
        "Telefoongesprek",
    ]
    # The page says the same, and whoever may not read the case file gets no timeline.
    url = reverse("cases:case_timeline", args=[case.pk])
    police = client_for(cast.liaison_politie).get(url).content.decode()
    assert "VOORPOLITIE" in police and "ALLEENBUREAU" not in police
    assert client_for(cast.partner_other).get(url).status_code == 404
    assert client_for(cast.gemeente).get(url).status_code == 403


def test_a_closed_case_takes_no_new_journal_entry_or_document(cast, client_for, settings, tmp_path):
    from django.core.exceptions import ValidationError

    from cases import services as case_services

    settings.DOCUMENTS_ROOT = tmp_path
    case = own_case(cast)
    written = entry(case, cast.begeleider)
    case_services.close_case(case=case, closed_by=cast.regisseur, reason="doel_bereikt")
    for write in (
        lambda: entry(case, cast.begeleider),
        lambda: document(case, cast.partner),
        lambda: services.correct_journal_entry(
            entry=written,
            corrected_by=cast.begeleider,
            text="anders",
            reason="typfout",
            expected_version=written.version,
        ),
    ):
        with pytest.raises(ValidationError, match="afgesloten"):
            write()
    response = client_for(cast.begeleider).post(
        reverse("casefile:journal_add", args=[case.pk]),
        {
            "kind": "huisbezoek",
            "occurred_on": "2026-01-05",
            "occurred_time": "10:00",
            "text": "Te laat",
            "audience": "team",
        },
    )
    assert response.status_code in (200, 302, 409)
    assert JournalEntry.objects.filter(case=case).count() == 1
