"""A bounded load test on 127.0.0.1: managers fill in and submit the questionnaire while
consultants browse the dashboard. Run by hand (not a test):

    .venv/bin/python benchmarks/load_test.py [--managers 12] [--consultants 4] [--seconds 60]

Needs PostgreSQL (the production database; SQLite serialises writers): it uses
$DATABASE_URL or creates the scratch database `maturity_load` on 127.0.0.1:5432. It starts
gunicorn (2 workers × 4 threads), runs a fixed number of simulated users for a fixed time, then
prints throughput, p50/p95 per request kind, errors, and checks that no draft lost an answer:
every submitted assessment holds exactly the answers its manager posted.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSWORD = "load-test-password-2026"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    def __init__(self, base, stats, kind):
        self.base, self.stats, self.kind = base, stats, kind
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, label, path, data=None, expect=(200,)):
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.csrf()}
            body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base}
        )
        start = time.perf_counter()
        try:
            response = self.opener.open(request, timeout=30)
            status, text, location = response.status, response.read().decode(), ""
        except urllib.error.HTTPError as error:
            status, text, location = (
                error.code,
                error.read().decode(errors="replace"),
                error.headers.get("Location", ""),
            )
        elapsed = (time.perf_counter() - start) * 1000
        self.stats.record(f"{self.kind}: {label}", elapsed, status in expect)
        return status, text, location

    def login(self, username):
        self.request("GET login", "/accounts/login/")
        self.request(
            "POST login",
            "/accounts/login/",
            {"username": username, "password": PASSWORD},
            expect=(302,),
        )


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples = defaultdict(list)
        self.errors = defaultdict(int)

    def record(self, label, ms, ok):
        with self.lock:
            self.samples[label].append(ms)
            if not ok:
                self.errors[label] += 1


def setup(managers: int, consultants: int):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from assessments.companies import services
    from assessments.consultants import services as consultant_services
    from assessments.models import Company

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    User = get_user_model()
    manager_names, consultant_names = [], []
    for n in range(managers):
        username = f"load-manager-{n}@example.com"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, email=username, password=PASSWORD)
            services.create_company(
                user=user,
                name=f"压测企业{n}",
                type="dealer_4s",
                province="jiangsu",
                city_tier="tier2",
                technicians=20,
                annual_work_orders=6000,
                contact_name="测试",
                contact_mobile="13800000000",
                contact_email=username,
            )
        manager_names.append(username)
    companies = list(Company.objects.filter(name__startswith="压测企业"))
    for n in range(consultants):
        username = f"load-consultant-{n}@example.com"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = consultant_services.register_consultant(
                email=username, password=PASSWORD, display_name=f"顾问{n}"
            )
        for company in companies:
            consultant_services.grant_access(
                company=company, consultant=user, granted_by=company.created_by
            )
        consultant_names.append(username)
    return manager_names, consultant_names


def manager_loop(base, username, stats, deadline, posted, metric_codes, dimension_codes):
    session = Session(base, stats, "manager")
    session.login(username)
    iteration = 0
    while time.monotonic() < deadline:
        iteration += 1
        _, _, location = session.request("GET workspace", "/workspace/", expect=(302,))
        company_path = location
        _, page, _ = session.request("GET company", company_path)
        match = re.search(r'action="(/companies/[^"]+/assessments/start/)"', page)
        if match:
            _, _, step_url = session.request("POST start", match.group(1), {}, expect=(302,))
        else:
            step_url = re.search(r'href="(/assessments/[^"]+/step/\d/)"', page).group(1)
        assessment_path = step_url.split("/step/")[0]
        checklist = ["L2.1", "L2.2", "L3.1"] if iteration % 2 else ["L1.1", "L1.2", "L1.3", "L2.1"]
        answers = {
            1: {"checklist": checklist},
            2: {
                **{f"{code}__unknown": "on" for code in metric_codes["number"]},
                **{code: "unknown" for code in metric_codes["boolean"]},
                "e_work_order_pct__unknown": "",
                "e_work_order_pct": str(50 + iteration % 40),
            },
            3: {code: str(1 + iteration % 5) for code in dimension_codes},
            4: {"target_level": "3", "target_year": "2030", "pain_point_1": f"痛点{iteration}"},
        }
        for step in (1, 2, 3, 4):
            _, form, _ = session.request(f"GET step {step}", f"{assessment_path}/step/{step}/")
            revision = re.search(r'name="revision" value="(\d+)"', form).group(1)
            action = "submit" if step == 4 else "next"
            session.request(
                f"POST step {step}",
                f"{assessment_path}/step/{step}/",
                {**answers[step], "action": action, "revision": revision},
                expect=(302,),
            )
        session.request("GET result", f"{assessment_path}/result/")
        posted.append((assessment_path.rsplit("/", 1)[-1], checklist, 50 + iteration % 40))


def consultant_loop(base, username, stats, deadline):
    session = Session(base, stats, "consultant")
    session.login(username)
    pages = [
        "/consultant/",
        "/consultant/?level=2",
        "/consultant/?q=" + urllib.parse.quote("压测企业1"),
        "/consultant/?page=2",
        "/consultant/?sort=-level",
    ]
    n = 0
    while time.monotonic() < deadline:
        session.request("GET dashboard", pages[n % len(pages)])
        n += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--managers", type=int, default=12)
    parser.add_argument("--consultants", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()

    if "DATABASE_URL" not in os.environ:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "CREATE DATABASE maturity_load"],
            capture_output=True,
        )
        os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/maturity_load"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # One address plays every user: lift the per-address limits for this run only.
    os.environ.update(
        {"LOGIN_RATE_LIMIT": "100000", "LOGIN_FAILURES_PER_ACCOUNT": "100000", "DEBUG": "1"}
    )
    manager_names, consultant_names = setup(args.managers, args.consultants)

    from assessments.models import Assessment
    from maturity.selectors import model_content

    content = model_content()
    metric_codes = {
        "number": [m.code for m in content.metrics if m.type != "boolean"],
        "boolean": [m.code for m in content.metrics if m.type == "boolean"],
    }
    dimension_codes = [d.code for d in content.self_assessed_dimensions]

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    base = f"http://127.0.0.1:{args.port}"
    stats, posted = Stats(), []
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=manager_loop,
                args=(base, name, stats, deadline, posted, metric_codes, dimension_codes),
            )
            for name in manager_names
        ] + [
            threading.Thread(target=consultant_loop, args=(base, name, stats, deadline))
            for name in consultant_names
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(10)

    total = sum(len(s) for s in stats.samples.values())
    errors = sum(stats.errors.values())
    print(
        f"\n{args.managers} managers + {args.consultants} consultants for {elapsed:.0f} s, gunicorn 2×4 threads, PostgreSQL"
    )
    print(
        f"{total} requests, {total / elapsed:.1f} req/s, {errors} errors, {len(posted)} questionnaires submitted"
    )
    print(f"{'request':<32}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    for label in sorted(stats.samples):
        samples = stats.samples[label]
        p95 = statistics.quantiles(samples, n=20)[18] if len(samples) > 1 else samples[0]
        print(
            f"{label:<32}{len(samples):>7}{statistics.median(samples):>9.1f}{p95:>9.1f}{stats.errors[label]:>8}"
        )
    lost = 0
    for assessment_id, checklist, e_work in posted:
        assessment = Assessment.objects.get(pk=assessment_id)
        ok = (
            assessment.status == "submitted"
            and assessment.checklist
            == sorted(checklist, key=[i.code for i in content.checklist].index)
            and assessment.indicators.get("e_work_order_pct") == e_work
            and len(assessment.indicators) == len(content.metrics)
            and len(assessment.dimensions) == len(dimension_codes)
        )
        lost += not ok
    print(f"lost or altered drafts: {lost} of {len(posted)}")


if __name__ == "__main__":
    main()
