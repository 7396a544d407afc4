"""A real morning at the ZVHD, for locust (started by tests/bench/bench_load.py).

Every role of the network is on, in the numbers a weekday morning has (weights), and does its
own daily work (issue 24 widened issue 11's four roles to all of them):
- process directors open their cases, read the plan, the timeline, the journal and the
  documents, write goals and journal entries, and read their inbox;
- process support works the triage queue, the ketenkamer and the advice questions;
- trajectory guides and partner professionals open the cases of their teams and the journal;
- liaisons (police, OM) work the triage queue and open cases to enrich;
- municipal contacts read the start page, the cases and the figures of their municipality;
- the aftercare coordinator and the trafficking chain director work their registers;
- finance reads the budget, the functioneel beheerder the users and lists, the privacy officer
  the access log and the access review;
- one manager has the jaarverslag made (a Celery task) and watches its progress.
Sessions and record ids come from the environment (LOAD_* variables, JSON), prepared by
bench_load.py against the seeded database, so the scenario runs no Django code itself.
Loopback only: the host is always 127.0.0.1 (bench_load.py passes it).
"""

import json
import os
import random
import re
from datetime import datetime, timedelta

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser
from requests.cookies import create_cookie

SESSIONS = json.loads(os.environ.get("LOAD_SESSIONS", "{}"))
IDS = json.loads(os.environ.get("LOAD_IDS", "{}"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STATUS_URL = re.compile(r"/rapportages/document/\d+/status/")


class Person(FastHttpUser):
    abstract = True
    username = ""
    wait_time = between(1, 4)

    def on_start(self):
        assert self.host.startswith("http://127.0.0.1"), "loopback only"
        self.client.cookiejar.set_cookie(
            create_cookie("sessionid", SESSIONS[self.username], domain="127.0.0.1")
        )

    def get(self, path, name):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            return response

    def some(self, key):
        """A random record id of this role's own work, or None when the demo has none."""
        return random.choice(IDS[key]) if IDS.get(key) else None

    def pages(self, *pairs):
        for path, name in pairs:
            self.get(path, name)


class ProcessDirector(Person):
    weight = 25
    username = "regisseur"

    @task(4)
    def my_cases(self):
        self.get("/casussen/mijn/", "casussen/mijn")

    @task(6)
    def open_case(self):
        pk = random.choice(IDS["director_cases"])
        self.get(f"/casussen/{pk}/", "casussen/<pk>")
        self.get(f"/casussen/{pk}/plan/", "casussen/<pk>/plan")

    @task(3)
    def case_file(self):
        pk = random.choice(IDS["director_cases"])
        self.pages(
            (f"/casussen/{pk}/tijdlijn/", "casussen/<pk>/tijdlijn"),
            (f"/casussen/{pk}/logboek/", "casussen/<pk>/logboek"),
            (f"/casussen/{pk}/documenten/", "casussen/<pk>/documenten"),
        )

    @task(2)
    def inbox(self):
        self.pages(("/", "start"), ("/meldingen/", "meldingen"))

    @task(1)
    def write_journal(self):
        pk = random.choice(IDS["director_cases"])
        form = self.get(f"/casussen/{pk}/logboek/nieuw/", "casussen/<pk>/logboek/nieuw (form)")
        token = CSRF.search(form.text or "")
        if not token:
            return
        now = datetime.now()
        with self.client.post(
            f"/casussen/{pk}/logboek/nieuw/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "kind": "telefoon",
                "occurred_on": now.strftime("%Y-%m-%d"),
                "occurred_time": (now - timedelta(minutes=10)).strftime("%H:%M"),
                "text": "Gebeld met de woningcorporatie over de huurachterstand.",
                "audience": "team",
            },
            name="casussen/<pk>/logboek/nieuw (post)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}")

    @task(2)
    def write_goal(self):
        pk = random.choice(IDS["director_cases"])
        form = self.get(f"/casussen/{pk}/doelen/nieuw/", "casussen/<pk>/doelen/nieuw (form)")
        token = CSRF.search(form.text or "")
        if not token:
            return
        with self.client.post(
            f"/casussen/{pk}/doelen/nieuw/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "life_domain": IDS["life_domain"],
                "description": "Dagbesteding vinden die past bij de ochtenden.",
            },
            name="casussen/<pk>/doelen/nieuw (post)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}")


class ProcessSupport(Person):
    weight = 8
    username = "ondersteuner"

    @task(4)
    def triage(self):
        self.pages(("/", "start"), ("/casussen/triage/", "casussen/triage"))

    @task(2)
    def ketenkamer(self):
        self.get("/casussen/ketenkamer/", "casussen/ketenkamer")

    @task(2)
    def advice(self):
        self.get("/advies/vragen/", "advies/vragen")
        pk = self.some("advice")
        if pk:
            self.get(f"/advies/vragen/{pk}/", "advies/vragen/<pk>")

    @task(1)
    def inbox(self):
        self.get("/meldingen/", "meldingen")


class TeamMember(Person):
    """A trajectory guide or a partner professional: the cases of their own teams."""

    abstract = True
    cases_key = ""

    @task(3)
    def start_page(self):
        self.get("/", "start")

    @task(4)
    def open_case(self):
        pk = self.some(self.cases_key)
        if pk:
            self.pages(
                (f"/casussen/{pk}/", "casussen/<pk> (team)"),
                (f"/casussen/{pk}/logboek/", "casussen/<pk>/logboek (team)"),
            )

    @task(1)
    def inbox(self):
        self.get("/meldingen/", "meldingen")


class Guide(TeamMember):
    weight = 6
    username = "begeleider"
    cases_key = "guide_cases"


class Partner(TeamMember):
    weight = 12
    username = "partner"
    cases_key = "partner_cases"


class Liaison(Person):
    weight = 10
    username = "liaison.politie"
    cases_key = "liaison_cases"

    @task(5)
    def triage_queue(self):
        self.get("/casussen/triage/", "casussen/triage")

    @task(3)
    def open_case(self):
        pk = self.some(self.cases_key)
        if pk:
            self.get(f"/casussen/{pk}/", "casussen/<pk> (liaison)")


class ProsecutorLiaison(Liaison):
    weight = 6
    username = "liaison.om"
    cases_key = "om_cases"


class MunicipalContact(Person):
    weight = 10
    username = "gemeente.assen"

    @task(1)
    def own_municipality(self):
        self.pages(
            ("/nazorg/mijn-gemeente/", "nazorg/mijn-gemeente"),
            ("/financien/mijn-gemeente/", "financien/mijn-gemeente"),
        )

    @task(3)
    def start_page(self):
        self.get("/", "start")

    @task(2)
    def trafficking_figures(self):
        self.get("/mensenhandel/cijfers/", "mensenhandel/cijfers")

    @task(2)
    def cases(self):
        self.get("/casussen/", "casussen")


class ReportMaker(Person):
    """Management has the jaarverslag of last year made during the morning (a Celery task
    renders it with WeasyPrint) and watches its progress bar, as the reports page does."""

    fixed_count = 1
    username = "manager"
    wait_time = between(2, 5)

    def on_start(self):
        super().on_start()
        self.year = IDS["report_year"]
        page = self.get(f"/rapportages/{self.year}/jaarverslag/", "rapportages/<year>/jaarverslag")
        token = CSRF.search(page.text or "")
        with self.client.post(
            f"/rapportages/{self.year}/documenten/",
            data={"csrfmiddlewaretoken": token.group(1) if token else "", "kind": "jaarverslag"},
            name="rapportages/<year>/documenten (request)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}")

        # The page lists the versions, newest first; its progress bar polls this address.
        page = self.get(f"/rapportages/{self.year}/jaarverslag/", "rapportages/<year>/jaarverslag")
        found = STATUS_URL.search(page.text or "")
        self.status_url = found.group(0) if found else None

    @task(3)
    def progress(self):
        if self.status_url:
            self.get(self.status_url, "rapportages/document/<pk>/status")

    @task(1)
    def page(self):
        self.get(f"/rapportages/{self.year}/jaarverslag/", "rapportages/<year>/jaarverslag")


class AftercareCoordinator(Person):
    weight = 5
    username = "nazorg"

    @task(3)
    def register(self):
        self.get("/nazorg/", "nazorg")

    @task(3)
    def open_record(self):
        pk = self.some("aftercare_records")
        if pk:
            self.get(f"/nazorg/{pk}/", "nazorg/<pk>")

    @task(1)
    def figures(self):
        self.get("/nazorg/cijfers/", "nazorg/cijfers")


class TraffickingDirector(Person):
    weight = 4
    username = "mensenhandel"

    @task(3)
    def signals(self):
        self.get("/mensenhandel/signalen/", "mensenhandel/signalen")

    @task(3)
    def open_signal(self):
        pk = self.some("signals")
        if pk:
            self.get(f"/mensenhandel/signalen/{pk}/", "mensenhandel/signalen/<pk>")

    @task(1)
    def drieluik_and_figures(self):
        self.pages(
            ("/mensenhandel/drieluik/", "mensenhandel/drieluik"),
            ("/mensenhandel/cijfers/", "mensenhandel/cijfers"),
        )


class Manager(Person):
    weight = 3
    username = "manager"

    @task(3)
    def start_page(self):
        self.pages(("/", "start"), ("/casussen/", "casussen"))

    @task(2)
    def figures(self):
        self.get("/rapportages/", "rapportages")


class Finance(Person):
    weight = 3
    username = "financien"

    @task(2)
    def budget(self):
        self.pages(("/financien/", "financien"), (f"/financien/{IDS['year']}/", "financien/<year>"))

    @task(1)
    def contributions(self):
        self.get(f"/financien/{IDS['year']}/bijdragen/", "financien/<year>/bijdragen")


class FunctionalAdmin(Person):
    weight = 2
    username = "beheerder"

    @task(2)
    def users(self):
        self.get("/beheer/gebruikers/", "beheer/gebruikers")

    @task(1)
    def lists(self):
        self.pages(
            ("/beheer/organisaties/", "beheer/organisaties"),
            ("/beheer/keuzelijsten/", "beheer/keuzelijsten"),
        )


class PrivacyOfficer(Person):
    weight = 3
    username = "privacy"

    @task(3)
    def access_log(self):
        self.get("/privacy/toegangslog/", "privacy/toegangslog")

    @task(1)
    def review(self):
        self.pages(
            ("/privacy/toegangscontrole/", "privacy/toegangscontrole"),
            ("/privacy/inzage/", "privacy/inzage"),
        )
