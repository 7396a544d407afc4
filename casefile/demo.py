"""Demo journal entries and documents on a few running demo cases (fictitious people only).

The documents are small PDFs made here (a few hundred bytes of hand-written PDF: no renderer
needed). Safe to run twice: a case that has a journal already is left alone.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone


def tiny_pdf(title: str) -> bytes:
    """A valid one-page PDF with one line of text."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")[:80]
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return out


ENTRIES = [
    (
        "huisbezoek",
        "Huisbezoek samen met de wijkagent. Woning rommelig, betrokkene wel open "
        "voor gesprek over schulden.",
        "team",
    ),
    (
        "telefoon",
        "Gebeld met de woningcorporatie: ontruiming uitgesteld tot na het overleg.",
        "team",
    ),
    (
        "trajectbegeleiding",
        "Contactmoment trajectbegeleiding: afspraak bij het wijkteam gemaakt.",
        "team",
    ),
    ("notitie", "Signaal van de reclassering over mogelijk contact met oude vrienden.", "bureau"),
]
DOCUMENTS = [
    ("rapport", "Rapport reclassering", "bureau"),
    ("toestemming", "Getekende toestemmingsverklaring", "team"),
]


def seed(*, stdout, rng) -> None:
    from casefile import services
    from casefile.models import JournalEntry
    from cases.models import Case, Status
    from zvhd.network.models import User

    # Running cases whose direction began before the oldest entry: a journal of the weeks
    # since the start (the newest cases had a home visit dated before their triage).
    first_entry = timezone.localdate() - timedelta(days=3 * len(ENTRIES) + 6)
    cases = list(
        Case.objects.filter(
            status=Status.ACTIEF, director__isnull=False, started_on__lt=first_entry
        )
        .select_related("director", "guide")
        .order_by("-id")[:6]
    )
    if not cases:
        stdout.write("Logboek: geen lopende demo-casussen, overgeslagen.\n")
        return
    if JournalEntry.objects.filter(case__in=cases).exists():
        stdout.write("Logboek: demo-logboek bestaat al, niets toegevoegd.\n")
        return
    guide = User.objects.filter(username="begeleider").first()
    now = timezone.localtime()
    made = 0
    for n, case in enumerate(cases):
        author = case.director
        for i, (kind, text, audience) in enumerate(ENTRIES):
            writer = guide if (kind == "trajectbegeleiding" and case.guide_id) else author
            if writer is None or (writer != author and case.guide_id != writer.pk):
                writer = author
            services.add_journal_entry(
                case=case,
                author=writer,
                kind=kind,
                occurred_at=(now - timedelta(days=3 * (len(ENTRIES) - i) + n)).replace(
                    hour=rng.randint(9, 16), minute=rng.choice([0, 15, 30, 45])
                ),
                text=text,
                audience=audience,
            )
            made += 1
        for kind, title, audience in DOCUMENTS[: 1 + n % 2]:
            upload = ContentFile(tiny_pdf(f"{title} - casus {case.number}"), name=f"{title}.pdf")
            services.add_document(
                case=case,
                uploaded_by=author,
                kind=kind,
                title=title,
                upload=upload,
                audience=audience,
            )
    stdout.write(f"Logboek: {made} logboekregels en documenten op {len(cases)} casussen.\n")
