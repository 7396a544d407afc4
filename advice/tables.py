import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from advice.models import AdviceRecord, DirectoryEntry, PatternSignal
from zvhd import formats
from zvhd.tables import DateColumn


class AdviceTable(tables.Table):
    date = tables.LinkColumn(
        "advice:detail",
        args=[tables.A("pk")],
        verbose_name=_("Datum"),
        attrs={"td": {"class": "zvhd-nowrap"}},
    )
    kind = tables.Column(_("Soort"))
    organisation = tables.Column(_("Organisatie"), order_by=("organisation__name",))
    municipality = tables.Column(_("Gemeente"), default="—", order_by=("municipality__name",))
    topic = tables.Column(_("Aandachtsgebied"), default="—", order_by=("topic__order",))
    question = tables.Column(_("Vraag"), orderable=False)
    outcome = tables.Column(_("Uitkomst"))
    minutes_spent = tables.Column(_("Min."), attrs={"td": {"class": "zvhd-numeric"}})

    class Meta:
        model = AdviceRecord
        fields = [
            "date",
            "kind",
            "organisation",
            "municipality",
            "topic",
            "question",
            "outcome",
            "minutes_spent",
        ]
        empty_text = _("Geen adviesvragen gevonden.")

    def render_date(self, value):
        return formats.short_date(value)

    def value_date(self, value):
        return value  # an export holds the date itself (zvhd.exports)

    def render_question(self, value):
        return value if len(value) <= 90 else value[:88].rstrip() + "…"


class DirectoryTable(tables.Table):
    name = tables.LinkColumn(
        "advice:directory_detail", args=[tables.A("pk")], verbose_name=_("Contact")
    )
    organisation = tables.Column(_("Organisatie"), order_by=("organisation__name",))
    job_title = tables.Column(_("Functie"), default="—")
    phone = tables.Column(_("Telefoon"), default="—", orderable=False)
    email = tables.EmailColumn(_("E-mail"), default="—", orderable=False)
    topics = tables.Column(_("Aandachtsgebieden"), orderable=False, empty_values=())
    municipalities = tables.Column(_("Werkgebied"), orderable=False, empty_values=())

    class Meta:
        model = DirectoryEntry
        fields = ["name", "organisation", "job_title", "phone", "email", "topics", "municipalities"]
        empty_text = _("Geen contacten gevonden.")

    def render_topics(self, record):
        return ", ".join(t.label for t in record.topics.all()) or "—"

    def render_municipalities(self, record):
        return ", ".join(m.name for m in record.municipalities.all()) or _("heel Drenthe")


class SignalTable(tables.Table):
    title = tables.LinkColumn(
        "advice:signal_detail", args=[tables.A("pk")], verbose_name=_("Titel")
    )
    kind = tables.Column(_("Soort"))
    topic = tables.Column(_("Aandachtsgebied"), default="—", order_by=("topic__order",))
    observed_on = DateColumn("d-m-Y", verbose_name=_("Gesignaleerd"))
    addressee = tables.Column(_("Geadresseerd aan"), orderable=False, empty_values=())
    status = tables.Column(_("Status"))

    class Meta:
        model = PatternSignal
        fields = ["title", "kind", "topic", "observed_on", "addressee", "status"]
        empty_text = _("Geen signalen gevonden.")

    def render_addressee(self, record):
        return record.addressee or "—"
