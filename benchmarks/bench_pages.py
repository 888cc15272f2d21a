"""Page and API latency with a large database, served by gunicorn on 127.0.0.1.

Run by hand (not a test):  .venv/bin/python benchmarks/bench_pages.py [--companies 10000] [--requests 300]

It creates a scratch SQLite database (or uses $DATABASE_URL if given), fills it with N companies
each with a submitted assessment, starts gunicorn, and measures in the same run:
  - the floor: a minimal Django view (/ping),
  - POST /api/v1/score,
  - the result page of one company,
  - the four questionnaire steps of one draft.
It prints median / p95 per endpoint and the ratio to the floor. Targets: score ≤ 2× the floor,
result page ≤ 5× the floor.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_database(companies: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from assessments.companies import services
    from assessments.diagnosis import unsaved_diagnosis
    from assessments.models import Assessment, Company, Diagnosis, Membership
    from maturity.selectors import model_content
    from tests.factories import full_answers

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    content = model_content()
    User = get_user_model()
    existing = Company.objects.count()
    rng = random.Random(7)
    codes = [item.code for item in content.checklist]
    if existing < companies:
        print(f"creating {companies - existing} companies …", flush=True)
        users = [
            User(username=f"bench{n}@example.com", email=f"bench{n}@example.com")
            for n in range(existing, companies)
        ]
        for user in users:
            user.set_unusable_password()
        User.objects.bulk_create(users, batch_size=2000)
        users = list(User.objects.filter(username__startswith="bench").order_by("pk"))[existing:]
        rows = [
            Company(
                name=f"基准测试企业{n}",
                type="dealer_4s",
                province="zhejiang",
                city_tier="tier2",
                technicians=20,
                annual_work_orders=5000,
                contact_name="测试",
                contact_mobile="13800000000",
                contact_email="bench@example.com",
                join_code=f"bench-{n}",
            )
            for n in range(existing, companies)
        ]
        Company.objects.bulk_create(rows, batch_size=2000)
        rows = list(Company.objects.filter(join_code__startswith="bench-").order_by("created_at"))
        rows = rows[existing:]
        Membership.objects.bulk_create(
            [Membership(user=u, company=c, role="owner") for u, c in zip(users, rows, strict=True)],
            batch_size=2000,
        )
        assessments = []
        for company, user in zip(rows, users, strict=True):
            answers = full_answers(content, checklist=rng.sample(codes, rng.randint(3, 12)))
            assessments.append(
                Assessment(
                    company=company,
                    model_version=content.version,
                    status="submitted",
                    checklist=answers[1]["checklist"],
                    indicators=answers[2]["indicators"],
                    dimensions=answers[3]["dimensions"],
                    target_level=3,
                    target_year=2030,
                    created_by=user,
                )
            )
        Assessment.objects.bulk_create(assessments, batch_size=2000)
        diagnoses = [unsaved_diagnosis(assessment) for assessment in assessments]
        Diagnosis.objects.bulk_create(diagnoses, batch_size=2000)
    user, _ = User.objects.get_or_create(username="bench-manager@example.com")
    user.set_password("bench-password-123")
    user.save()
    company = Company.objects.filter(memberships__user=user).first()
    if company is None:
        company = services.create_company(
            user=user,
            name="基准企业",
            type="dealer_4s",
            province="zhejiang",
            city_tier="tier2",
            technicians=10,
            annual_work_orders=1000,
            contact_name="测",
            contact_mobile="13800000000",
            contact_email="b@example.com",
        )
    from tests.factories import make_assessment

    submitted = company.assessments.submitted().first() or make_assessment(
        company, user, content, checklist=["L2.1", "L2.2", "L2.3", "L3.1"]
    )
    draft = company.assessments.drafts().first() or make_assessment(
        company, user, content, submit=False, checklist=["L2.1"]
    )
    return {"result": str(submitted.pk), "draft": str(draft.pk), "user": user.username}


def timed(opener, request_factory, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        request = request_factory()
        start = time.perf_counter()
        with opener.open(request) as response:
            response.read()
            assert response.status == 200, response.status
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    scratch = Path(tempfile.gettempdir()) / "maturity-bench.sqlite3"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("STATIC_ROOT", str(Path(tempfile.gettempdir()) / "maturity-bench-static"))
    # Plain HTTP on loopback: no HTTPS redirect, cookies without the Secure flag.
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
    os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
    os.environ.setdefault("SCORE_API_RATE_LIMIT", "1000000")
    os.environ.setdefault("LOGIN_RATE_LIMIT", "1000000")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghijklmnop")
    ids = setup_database(args.companies)

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/ping", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(base + "/accounts/login/").read()
        csrf = next(c.value for c in jar if c.name == "csrftoken")
        login = urllib.request.Request(
            base + "/accounts/login/",
            data=f"username={ids['user']}&password=bench-password-123&csrfmiddlewaretoken={csrf}".encode(),
            headers={"Referer": base + "/accounts/login/"},
        )
        opener.open(login).read()

        score_body = json.dumps(
            {
                "checklist": ["L2.1", "L2.2", "L2.3", "L3.1"],
                "indicators": {"e_work_order_pct": 85, "has_unified_system": True},
                "dimensions": {"work_orders": 2},
            }
        ).encode()
        endpoints = {
            "floor (/ping)": lambda: urllib.request.Request(base + "/ping"),
            "POST /api/v1/score": lambda: urllib.request.Request(
                base + "/api/v1/score",
                data=score_body,
                headers={"Content-Type": "application/json"},
            ),
            "result page": lambda: urllib.request.Request(
                f"{base}/assessments/{ids['result']}/result/"
            ),
        }
        for step in (1, 2, 3, 4):
            endpoints[f"questionnaire step {step}"] = lambda step=step: urllib.request.Request(
                f"{base}/assessments/{ids['draft']}/step/{step}/"
            )
        results = {}
        for name, factory in endpoints.items():
            timed(opener, factory, 20)  # warm-up
            results[name] = timed(opener, factory, args.requests)
        floor = statistics.median(results["floor (/ping)"])
        print(
            f"\n{args.companies} companies, {args.requests} sequential requests each, 1 gunicorn worker"
        )
        print(f"{'endpoint':<26}{'median ms':>10}{'p95 ms':>10}{'× floor':>9}")
        for name, samples in results.items():
            median = statistics.median(samples)
            p95 = statistics.quantiles(samples, n=20)[18]
            print(f"{name:<26}{median:>10.2f}{p95:>10.2f}{median / floor:>9.2f}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
