"""Seeding for the page-speed matrix (bench_matrix.py): every app at the scale of 1M cases.

The house is the demo (`seed_demo`: the per-role accounts, every app's records), then
bench_cases' COPY of synthetic cases, then every other app multiplied in the database itself:
each table's demo rows are cloned with INSERT ... SELECT (no ORM, no Python per row), their
foreign keys mapped onto the clones of their parents. A clone family has a root (the synthetic
cases, or N copies of an app's demo records) and a map per cloned table (`key`, `old_id`,
`new_id`); a child's rows are its parent's template rows, once per clone of the parent, and any
other foreign key that points into a table cloned in the same family follows the same clone.

Each phase is recorded in the table `_bench_matrix_seed` and skipped next time: a seeded
database is reused (and a run that was interrupted goes on where it stopped). Triggers (the
foreign-key checks) are off while copying, as pg_restore does: the rows are the demo's own,
their references hold by construction.
"""

from __future__ import annotations

import io
import random
import time

# Per 1,000,000 cases (scaled with --cases): what a house with a million cases over ten
# years might hold besides. Case children come from the demo cases: a quarter of the
# synthetic cases is given the goals, actions, meetings, plan, team, triage, permissions,
# risk assessments and programme periods of a demo case with the same status.
CASE_FAMILY_EVERY = 4  # every 4th synthetic case gets the children of a demo case
JOURNAL_ROUNDS = 3  # ... and the journal of a demo case with a journal, 3 times over
DOCUMENTS_EVERY = 8  # every 8th synthetic case the documents of a demo case with documents
VOLUMES = {
    "aftercare_aftercarerecord": 100_000,
    "trafficking_signal": 20_000,
    "advice_advicerecord": 200_000,
    "inbox_notification": 1_000_000,
    "tables_meeting": 25_000,  # ~50 tables meeting weekly for ten years
    "privacy_accesslog": 5_000_000,
}
SMALL_FILE = b"%PDF-1.4\n% bench document\n%%EOF\n"


def _done(c, phase: str) -> bool:
    c.execute(
        "CREATE TABLE IF NOT EXISTS _bench_matrix_seed "
        "(phase text PRIMARY KEY, at timestamptz, note text)"
    )
    c.execute("SELECT 1 FROM _bench_matrix_seed WHERE phase = %s", [phase])
    return c.fetchone() is not None


def _mark(c, phase: str, note: str) -> None:
    c.execute(
        "INSERT INTO _bench_matrix_seed VALUES (%s, now(), %s) ON CONFLICT (phase) DO NOTHING",
        [phase, note],
    )


class Cloner:
    """Clones a family of tables; see the module docstring."""

    def __init__(self, cursor, family: str):
        self.c = cursor
        self.family = family
        self.maps: dict[str, str] = {}  # table -> its map (a temporary table)
        self.counts: dict[str, int] = {}

    def _columns(self, table: str) -> list[str]:
        self.c.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "AND table_schema = 'public' ORDER BY ordinal_position",
            [table],
        )
        return [r[0] for r in self.c.fetchall()]

    def _foreign_keys(self, table: str) -> dict[str, str]:
        """column -> the table it references."""
        self.c.execute(
            """
            SELECT a.attname, cf.relname
            FROM pg_constraint k
            JOIN pg_class ct ON ct.oid = k.conrelid
            JOIN pg_class cf ON cf.oid = k.confrelid
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
            WHERE k.contype = 'f' AND ct.relname = %s
            """,
            [table],
        )
        return dict(self.c.fetchall())

    def _map_name(self, table: str) -> str:
        return f"m_{self.family}_{table}"[:60]

    def use_map(self, table: str, map_name: str) -> None:
        """An existing map (key, old_id, new_id): e.g. the synthetic cases and their templates."""
        self.maps[table] = map_name

    def root(self, table: str, copies: int, *, where: str = "TRUE", set: dict | None = None):
        """`copies` clones of the demo rows of `table` (key = the clone's number 1..copies)."""
        name = self._map_name(table)
        self.c.execute(f"DROP TABLE IF EXISTS {name}")
        self.c.execute(
            f"""CREATE TEMP TABLE {name} AS
            SELECT g AS key, t.id AS old_id,
                   nextval(pg_get_serial_sequence('{table}', 'id')) AS new_id
            FROM {table} t CROSS JOIN generate_series(1, {int(copies)}) g WHERE {where}"""
        )
        self.c.execute(f"CREATE INDEX ON {name} (old_id, key)")
        self._insert(table, name, set or {})

    def child(
        self,
        table: str,
        via: str,
        *,
        parent: str | None = None,
        set: dict | None = None,
        where: str = "TRUE",
        register: bool = True,
    ):
        """The rows of `table` whose `via` points at a cloned row of its parent, once per clone."""
        fks = self._foreign_keys(table)
        parent_map = self.maps[parent or fks[via]]
        name = self._map_name(table)
        self.c.execute(f"DROP TABLE IF EXISTS {name}")
        self.c.execute(
            f"""CREATE TEMP TABLE {name} AS
            SELECT p.key, t.id AS old_id,
                   nextval(pg_get_serial_sequence('{table}', 'id')) AS new_id
            FROM {parent_map} p JOIN {table} t ON t.{via} = p.old_id WHERE {where}"""
        )
        self.c.execute(f"CREATE INDEX ON {name} (old_id, key)")
        self._insert(table, name, set or {}, via_parent=(via, parent_map))
        if not register:
            del self.maps[table]

    def _insert(self, table: str, map_name: str, set: dict, via_parent=None):
        self.maps[table] = map_name
        fks = self._foreign_keys(table)
        joins, exprs = [], []
        for i, col in enumerate(self._columns(table)):
            if col == "id":
                exprs.append("m.new_id")
            elif col in set:
                exprs.append(set[col])
            elif via_parent and col == via_parent[0]:
                joins.append(f"JOIN {via_parent[1]} vp ON vp.old_id = t.{col} AND vp.key = m.key")
                exprs.append("vp.new_id")
            elif fks.get(col) in self.maps and self.maps[fks[col]] != map_name:
                alias = f"j{i}"
                joins.append(
                    f"LEFT JOIN {self.maps[fks[col]]} {alias} "
                    f"ON {alias}.old_id = t.{col} AND {alias}.key = m.key"
                )
                exprs.append(f'COALESCE({alias}.new_id, t."{col}")')
            else:
                exprs.append(f't."{col}"')
        cols = ", ".join(f'"{col}"' for col in self._columns(table))
        self.c.execute(
            f"INSERT INTO {table} ({cols}) SELECT {', '.join(exprs)} "
            f"FROM {map_name} m JOIN {table} t ON t.id = m.old_id {' '.join(joins)}"
        )
        self.counts[table] = self.counts.get(table, 0) + self.c.rowcount


def _phase(c, phase: str, fn, *args) -> None:
    if _done(c, phase):
        return
    from django.db import transaction

    start = time.perf_counter()
    with transaction.atomic():  # a phase that fails leaves nothing behind
        c.execute("SET LOCAL session_replication_role = replica")
        note = fn(c, *args)
        c.execute("SET LOCAL session_replication_role = DEFAULT")
        _mark(c, phase, note)
    print(f"seed {phase}: {note} ({time.perf_counter() - start:.0f} s)", flush=True)


def _case_children(c, scale: float, demo_max: int) -> str:
    """Children of a quarter of the synthetic cases, from a demo case of the same status."""
    c.execute("DROP TABLE IF EXISTS tmpl_cases")
    c.execute(
        f"""CREATE TEMP TABLE tmpl_cases AS
        SELECT id, status, row_number() OVER (PARTITION BY status ORDER BY id) - 1 AS rk,
               count(*) OVER (PARTITION BY status) AS n
        FROM cases_case WHERE id <= {demo_max}"""
    )
    c.execute("DROP TABLE IF EXISTS m_cases")
    c.execute(
        f"""CREATE TEMP TABLE m_cases AS
        SELECT s.id AS key, t.id AS old_id, s.id AS new_id
        FROM cases_case s JOIN tmpl_cases t
          ON t.status = s.status AND t.rk = (s.id / {CASE_FAMILY_EVERY}) % t.n
        WHERE s.id > {demo_max} AND s.id % {CASE_FAMILY_EVERY} = 0"""
    )
    c.execute("CREATE INDEX ON m_cases (old_id, key)")
    k = Cloner(c, "case")
    k.use_map("cases_case", "m_cases")
    # Order matters: a table after the tables its foreign keys point into.
    for table in (
        "cases_plan",
        "cases_triagedecision",
        "cases_caseproblemarea",
        "cases_teammember",
        "cases_caseuserobjectpermission",
        "cases_transition",
        "cases_enrichment",
        "cases_escalation",
        "cases_casemeeting",
        "cases_goal",
        "cases_action",
        "risk_assessment",
        "risk_safetyflag",
        "programmes_caseprogramme",
    ):
        fks = k._foreign_keys(table)
        via = "content_object_id" if table == "cases_caseuserobjectpermission" else "case_id"
        assert fks.get(via) == "cases_case", (table, fks)
        # A person is on the team of a few hundred cases over ten years, not of every clone
        # of the demo case they were on: teams and object permissions on 1 in 100 of them.
        people = table in ("cases_teammember", "cases_caseuserobjectpermission")
        k.child(table, via, parent="cases_case", where="p.key % 400 = 0" if people else "TRUE")
    k.child("cases_casemeeting_attendees", "casemeeting_id")
    k.child("risk_score", "assessment_id")
    return ", ".join(f"{t} {n:,}" for t, n in k.counts.items())


def _casefile(c, demo_max: int) -> str:
    """Journals (three rounds of a demo journal) and documents with one small shared file."""
    from django.conf import settings

    path = "bench/klein.pdf"
    full = settings.DOCUMENTS_ROOT / path
    full.parent.mkdir(parents=True, exist_ok=True)
    full.write_bytes(SMALL_FILE)
    notes = []
    for table, every, rounds in (
        ("casefile_journalentry", CASE_FAMILY_EVERY, JOURNAL_ROUNDS),
        ("casefile_document", DOCUMENTS_EVERY, 1),
    ):
        c.execute("DROP TABLE IF EXISTS tmpl_j")
        c.execute(
            f"""CREATE TEMP TABLE tmpl_j AS
            SELECT case_id AS id, row_number() OVER (ORDER BY case_id) - 1 AS rk,
                   count(*) OVER () AS n
            FROM (SELECT DISTINCT case_id FROM {table} WHERE case_id <= {demo_max}) d"""
        )
        c.execute("DROP TABLE IF EXISTS m_cases_j")
        c.execute(
            f"""CREATE TEMP TABLE m_cases_j AS
            SELECT s.id * 10 + r AS key, t.id AS old_id, s.id AS new_id
            FROM cases_case s CROSS JOIN generate_series(1, {rounds}) r
            JOIN tmpl_j t ON t.rk = (s.id / {every} + r) % t.n
            WHERE s.id > {demo_max} AND s.id % {every} = 0"""
        )
        k = Cloner(c, "cf")
        k.use_map("cases_case", "m_cases_j")
        if table == "casefile_journalentry":
            k.child(table, "case_id", parent="cases_case")
            k.child("casefile_journalentry_audience_organisations", "journalentry_id")
        else:
            k.child(
                table,
                "case_id",
                parent="cases_case",
                set={"journal_entry_id": "NULL", "meeting_id": "NULL"},
            )
            k.child("casefile_document_audience_organisations", "document_id")
            k.child(
                "casefile_documentversion",
                "document_id",
                set={"file": f"'{path}'", "size": str(len(SMALL_FILE))},
            )
        notes.append(", ".join(f"{t} {n:,}" for t, n in k.counts.items()))
    return "; ".join(notes)


def _copies(c, table: str, target: int, where: str = "TRUE") -> int:
    c.execute(f"SELECT count(*) FROM {table} WHERE {where}")
    have = c.fetchone()[0]
    return max(1, target // max(1, have))


def _aftercare(c, scale: float) -> str:
    k = Cloner(c, "ac")
    n = _copies(c, "aftercare_aftercarerecord", int(VOLUMES["aftercare_aftercarerecord"] * scale))
    shift = "(m.key % 3650) * interval '1 day'"
    k.root(
        "aftercare_aftercarerecord",
        n,
        set={
            "case_id": "NULL",
            # A registered person has a record or two, not every clone of the demo's.
            "registered_person_id": "NULL",
            "detention_start": f"(t.detention_start - {shift})::date",
            "expected_release": f"(t.expected_release - {shift})::date",
            "actual_release": f"(t.actual_release - {shift})::date",
            "notified_on": f"(t.notified_on - {shift})::date",
            "closed_on": f"(t.closed_on - {shift})::date",
            # Every date of a record moves with it: a year's figures count what happened in it
            # (issue 24: unshifted, 8,892 of 100,000 records started guidance this year).
            "consent_on": f"(t.consent_on - {shift})::date",
            "guidance_started_on": f"(t.guidance_started_on - {shift})::date",
            "guidance_ended_on": f"(t.guidance_ended_on - {shift})::date",
            "escalated_on": f"(t.escalated_on - {shift})::date",
        },
    )
    for table in (
        "aftercare_condition",
        "aftercare_contactmoment",
        "aftercare_enrichment",
        "aftercare_notification",
        "aftercare_recordevent",
        "aftercare_reminder",
    ):
        k.child(table, "record_id")
    return ", ".join(f"{t} {n:,}" for t, n in k.counts.items())


def _trafficking(c, scale: float) -> str:
    k = Cloner(c, "th")
    n = _copies(c, "trafficking_signal", int(VOLUMES["trafficking_signal"] * scale))
    # Ten years of signals, not 20,000 in the demo's year (issue 24: the figures of one year
    # counted 19,136 of them); a copy's follow-ups move with it.
    shift = "((m.key * 37) % 3650) * interval '1 day'"
    k.root(
        "trafficking_signal",
        n,
        set={
            "reference": "t.reference || '-' || m.key",
            "registered_person_id": "NULL",
            "received_on": f"(t.received_on - {shift})::date",
            "comensha_reported_on": f"(t.comensha_reported_on - {shift})::date",
            "closed_on": f"(t.closed_on - {shift})::date",
        },
    )
    k.root(
        "trafficking_drieluikmeeting",
        n,
        set={"held_on": "(t.held_on - (m.key * 7) * interval '1 day')::date"},
    )
    k.child("trafficking_signalexploitation", "signal_id")
    k.child("trafficking_indicatorobservation", "signal_id")
    k.child("trafficking_drieluikmeeting_attendees", "drieluikmeeting_id")
    k.child("trafficking_agendaitem", "meeting_id")
    k.child(
        "trafficking_followup",
        "signal_id",
        set={"case_id": "NULL", "decided_on": f"(t.decided_on - {shift})::date"},
    )
    return ", ".join(f"{t} {n:,}" for t, n in k.counts.items())


def _advice(c, scale: float) -> str:
    k = Cloner(c, "adv")
    n = _copies(c, "advice_advicerecord", int(VOLUMES["advice_advicerecord"] * scale))
    k.root(
        "advice_advicerecord",
        n,
        set={
            "registration_id": "NULL",
            "date": "(t.date - (m.key % 3650) * interval '1 day')::date",
        },
    )
    k.root("advice_patternsignal", max(1, n // 20))
    return ", ".join(f"{t} {n:,}" for t, n in k.counts.items())


def _inbox(c, scale: float) -> str:
    k = Cloner(c, "inbox")
    n = _copies(c, "inbox_notification", int(VOLUMES["inbox_notification"] * scale))
    k.root(
        "inbox_notification",
        n,
        set={
            "created_at": "t.created_at - m.key * interval '2 hours'",
            "read_at": "CASE WHEN m.key > 20 THEN t.created_at - m.key * interval '1 hour' END",
        },
    )
    return ", ".join(f"{t} {n:,}" for t, n in k.counts.items())


def _tables(c, scale: float) -> str:
    k = Cloner(c, "tab")
    k.root("tables_table", 25, set={"name": "t.name || ' ' || m.key"})
    k.child("tables_table_members", "table_id")
    k.child("tables_table_member_organisations", "table_id")
    c.execute("SELECT count(*) FROM tables_meeting")
    have = c.fetchone()[0] * 25
    rounds = max(1, int(VOLUMES["tables_meeting"] * scale) // max(1, have))
    # Every table's meetings again each week back, `rounds` weeks: the families of rounds
    # are cloned one after another (a meeting's items follow their own meeting's clone).
    k2 = Cloner(c, "tabm")
    k2.use_map("tables_table", k.maps["tables_table"])
    c.execute("DROP TABLE IF EXISTS m_tab_rounds")
    c.execute(
        f"""CREATE TEMP TABLE m_tab_rounds AS
        SELECT p.key * 100000 + r AS key, p.old_id, p.new_id, r
        FROM {k.maps["tables_table"]} p CROSS JOIN generate_series(1, {rounds}) r"""
    )
    k2.use_map("tables_table", "m_tab_rounds")
    k2.child(
        "tables_meeting",
        "table_id",
        set={
            "date": "(t.date - (m.key % 100000) * interval '7 days')::date",
            "decision_list_file": "''",
        },
    )
    k2.child("tables_meeting_attendees", "meeting_id")
    k2.child("tables_agendaitem", "meeting_id")
    k2.child("tables_tableaction", "item_id", set={"case_action_id": "NULL"})
    counts = {**k.counts, **k2.counts}
    return ", ".join(f"{t} {n:,}" for t, n in counts.items())


def _access_log(c, scale: float) -> str:
    k = Cloner(c, "al")
    n = _copies(c, "privacy_accesslog", int(VOLUMES["privacy_accesslog"] * scale))
    k.root("privacy_accesslog", n, set={"at": "t.at - m.key * interval '1 minute'"})
    return ", ".join(f"{t} {n:,}" for t, n in k.counts.items())


def _finance_and_figures(c, scale: float) -> str:
    """Ten years of budgets (the demo has 2019, 2020 and 2024 on) and of thematic counts."""
    from decimal import Decimal

    from django.db import transaction

    from finance import services
    from finance.models import FinanceYear, YearStatus
    from zvhd.network.models import User

    c.execute("SET LOCAL session_replication_role = DEFAULT")
    user = User.objects.get(username="financien")
    made = []
    with transaction.atomic():
        source = FinanceYear.objects.get(year=2020)
        for year in (2021, 2022, 2023):
            if not FinanceYear.objects.filter(year=year).exists():
                source = services.draft_next_year(
                    source=source, indexation_pct=Decimal("2"), created_by=user
                )
                made.append(year)
            else:
                source = FinanceYear.objects.get(year=year)
        first = FinanceYear.objects.get(year=2019)
        for year in (2017, 2018):
            if not FinanceYear.objects.filter(year=year).exists():
                services.create_year(
                    year=year,
                    created_by=user,
                    distribution_key=first.distribution_key,
                    municipal_total=first.municipal_total,
                    notes="Bench",
                )
                made.append(year)
        for fy in FinanceYear.objects.filter(year__in=made, status=YearStatus.CONCEPT):
            try:
                with transaction.atomic():
                    services.change_year_status(
                        finance_year=fy, to=YearStatus.ADOPTED, changed_by=user, reason="Bench"
                    )
            except Exception as error:  # a concept year is still a year to show
                print(f"seed: {fy.year} stays a concept ({error})")
    cols = [
        col for col in Cloner(c, "x")._columns("reports_thematiccount") if col not in ("id", "year")
    ]
    c.execute(
        f"""INSERT INTO reports_thematiccount (year, {", ".join(f'"{c}"' for c in cols)})
            SELECT t.year - 3 * k, {", ".join(f't."{c}"' for c in cols)}
            FROM reports_thematiccount t CROSS JOIN generate_series(1, 3) k
            WHERE t.year BETWEEN 2023 AND 2025"""
    )
    thematic = c.rowcount
    return f"finance years added {made}, thematic counts {thematic:,}"


def seed_all(total: int) -> None:
    """The demo, `total` cases by COPY, then every app (each phase once)."""
    from django.core.management import call_command
    from django.db import connection

    from cases.models import Case
    from tests.bench import bench_cases

    scale = total / 1_000_000
    call_command("migrate", "--noinput", verbosity=0)
    with connection.cursor() as c:
        if not _done(c, "demo"):
            start = time.perf_counter()
            call_command("seed_demo", stdout=io.StringIO())
            _mark(c, "demo", "seed_demo")
            print(f"seed demo: {time.perf_counter() - start:.0f} s", flush=True)
        if not _done(c, "demo_max"):  # the demo's last case: a synthetic case comes after it
            c.execute("SELECT max(id) FROM cases_case")
            _mark(c, "demo_max", str(c.fetchone()[0]))
        c.execute("SELECT note FROM _bench_matrix_seed WHERE phase = 'demo_max'")
        demo_max = int(c.fetchone()[0])
    if Case.objects.count() < total:
        bench_cases.seed(total)
    random.seed(1)
    with connection.cursor() as c:
        _phase(c, "case_children", _case_children, scale, demo_max)
        _phase(c, "casefile", _casefile, demo_max)
        _phase(c, "aftercare", _aftercare, scale)
        _phase(c, "trafficking", _trafficking, scale)
        _phase(c, "advice", _advice, scale)
        _phase(c, "inbox", _inbox, scale)
        _phase(c, "tables", _tables, scale)
        _phase(c, "access_log", _access_log, scale)
        _phase(c, "finance_figures", _finance_and_figures, scale)
        if not _done(c, "analyze"):
            for seq_table in _serial_tables(c):
                c.execute(
                    f"SELECT setval(pg_get_serial_sequence('{seq_table}', 'id'), "
                    f"(SELECT COALESCE(max(id), 1) FROM {seq_table}))"
                )
            start = time.perf_counter()
            c.execute("VACUUM ANALYZE")
            _mark(c, "analyze", "")
            print(f"seed analyze: {time.perf_counter() - start:.0f} s", flush=True)


def _serial_tables(c) -> list[str]:
    c.execute(
        """SELECT table_name FROM information_schema.columns
           WHERE table_schema = 'public' AND column_name = 'id'
             AND (column_default LIKE 'nextval%%' OR is_identity = 'YES')"""
    )
    return [r[0] for r in c.fetchall()]
