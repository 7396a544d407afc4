"""A real morning at the ZVHD, for locust (started by tests/bench/bench_load.py).

Who is on, in what numbers (weights), and what they do:
- process directors (procesregisseurs) open their cases, read the plan and write goals;
- liaisons (police, OM) work the triage queue and open cases to enrich;
- municipal contacts read the start page and the figures of their municipality;
- one manager has the jaarverslag made (a Celery task) and watches its progress.
Sessions and record ids come from the environment (LOAD_* variables, JSON), prepared by
bench_load.py against the seeded database, so the scenario runs no Django code itself.
Loopback only: the host is always 127.0.0.1 (bench_load.py passes it).
"""

import json
import os
import random
import re

from locust import HttpUser, between, task

SESSIONS = json.loads(os.environ.get("LOAD_SESSIONS", "{}"))
IDS = json.loads(os.environ.get("LOAD_IDS", "{}"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STATUS_URL = re.compile(r"/rapportages/document/\d+/status/")


class Person(HttpUser):
    abstract = True
    username = ""
    wait_time = between(1, 4)

    def on_start(self):
        assert self.host.startswith("http://127.0.0.1"), "loopback only"
        self.client.cookies.set("sessionid", SESSIONS[self.username])

    def get(self, path, name):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            return response


class ProcessDirector(Person):
    weight = 10
    username = "regisseur"

    @task(4)
    def my_cases(self):
        self.get("/casussen/mijn/", "casussen/mijn")

    @task(6)
    def open_case(self):
        pk = random.choice(IDS["director_cases"])
        self.get(f"/casussen/{pk}/", "casussen/<pk>")
        self.get(f"/casussen/{pk}/plan/", "casussen/<pk>/plan")

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


class Liaison(Person):
    weight = 6
    username = "liaison.politie"

    @task(5)
    def triage_queue(self):
        self.get("/casussen/triage/", "casussen/triage")

    @task(3)
    def open_case(self):
        if IDS.get("liaison_cases"):
            pk = random.choice(IDS["liaison_cases"])
            self.get(f"/casussen/{pk}/", "casussen/<pk> (liaison)")


class MunicipalContact(Person):
    weight = 6
    username = "gemeente.assen"

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
