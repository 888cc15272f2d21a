"""The consultant dashboard with many clients.

Run by hand (not a test):

    .venv/bin/python benchmarks/bench_dashboard.py [--companies 10000] [--requests 30]

It creates a scratch SQLite database in a temporary directory (or uses $DATABASE_URL if given,
e.g. a scratch PostgreSQL database), fills it with N companies that all grant one consultant
access — most with one or two submitted assessments, some with a draft, some reviewed — with
bulk_create, then requests the dashboard through the Django test client (the whole middleware
stack, no network) and prints, per page: median / p95 milliseconds, the number of queries and
the number of rows shown. Pages: the first page, a filtered page (level + status + type), a
search, a late page, the first page sorted by level, and the CSV export of a filtered set.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LEVEL_TICKS = {n: [f"L{n}.1", f"L{n}.2", f"L{n}.3"] for n in range(1, 6)}
PROVINCES = ["zhejiang", "jiangsu", "guangdong", "sichuan", "shandong", "beijing", "shanghai"]
TYPES = ["dealer_4s", "independent", "regional_chain", "oem_direct", "other"]
TIERS = ["tier1", "new_tier1", "tier2", "tier3", "tier4"]


def setup_database(companies: int) -> tuple:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from assessments.diagnosis import unsaved_diagnosis
    from assessments.models import (
        Assessment,
        Company,
        ConsultantGrant,
        ConsultantProfile,
        Diagnosis,
        Membership,
        Review,
    )
    from maturity.selectors import model_content
    from tests.factories import full_answers

    call_command("migrate", verbosity=0)
    content = model_content()
    User = get_user_model()
    consultant, created = User.objects.get_or_create(
        username="bench-consultant@example.com", defaults={"email": "bench-consultant@example.com"}
    )
    if created:
        ConsultantProfile.objects.create(user=consultant, display_name="基准顾问")
    existing = Company.objects.filter(join_code__startswith="dash-").count()
    if existing >= companies:
        return consultant, content
    rng = random.Random(11)
    missing = companies - existing
    print(f"creating {missing} client companies …", flush=True)
    started = time.perf_counter()
    managers = [
        User(username=f"dash{n}@example.com", email=f"dash{n}@example.com")
        for n in range(existing, companies)
    ]
    for manager in managers:
        manager.set_unusable_password()
    User.objects.bulk_create(managers, batch_size=2000)
    managers = list(User.objects.filter(username__startswith="dash").order_by("pk"))[existing:]
    rows = [
        Company(
            name=f"客户企业{n:05d}",
            type=rng.choice(TYPES),
            province=rng.choice(PROVINCES),
            city_tier=rng.choice(TIERS),
            technicians=20,
            annual_work_orders=5000,
            contact_name="测试",
            contact_mobile="13800000000",
            contact_email="bench@example.com",
            join_code=f"dash-{n}",
        )
        for n in range(existing, companies)
    ]
    Company.objects.bulk_create(rows, batch_size=2000)
    rows = list(Company.objects.filter(join_code__startswith="dash-").order_by("join_code"))
    rows = [c for c in rows if int(c.join_code[5:]) >= existing]
    Membership.objects.bulk_create(
        [Membership(user=u, company=c, role="owner") for u, c in zip(managers, rows, strict=True)],
        batch_size=2000,
    )
    ConsultantGrant.objects.bulk_create(
        [
            ConsultantGrant(company=c, consultant=consultant, granted_by=u)
            for u, c in zip(managers, rows, strict=True)
        ],
        batch_size=2000,
    )
    now = timezone.now()
    assessments = []
    for company, manager in zip(rows, managers, strict=True):
        count = rng.choice([0, 1, 1, 2, 2, 3])
        level = rng.choice([1, 2, 2, 3, 3, 4, 5])
        for k in range(count):
            lvl = max(1, level - (count - 1 - k))
            answers = full_answers(content, checklist=LEVEL_TICKS[lvl])
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
                    created_by=manager,
                    submitted_at=now - timedelta(days=200 * (count - k) + rng.randint(0, 60)),
                )
            )
        if rng.random() < 0.1:
            assessments.append(
                Assessment(company=company, model_version=content.version, created_by=manager)
            )
    Assessment.objects.bulk_create(assessments, batch_size=2000)
    submitted = [a for a in assessments if a.status == "submitted"]
    diagnoses = [unsaved_diagnosis(assessment) for assessment in submitted]
    Diagnosis.objects.bulk_create(diagnoses, batch_size=2000)
    reviews = [
        Review(
            assessment=assessment,
            reviewer=consultant,
            computed_level=diagnosis.level,
            confirmed_level=diagnosis.level,
            overall_opinion="基准",
            signed_off_at=now,
            signer_name="基准顾问",
        )
        for assessment, diagnosis in zip(submitted, diagnoses, strict=True)
        if rng.random() < 0.2
    ]
    Review.objects.bulk_create(reviews, batch_size=2000)
    print(
        f"  {len(rows)} companies, {len(submitted)} submitted assessments, {len(reviews)} reviews "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return consultant, content


def measure(client, url: str, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm up
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = response.context["rows"] if response.context and "rows" in response.context else None
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
        "queries": len(queries.captured_queries),
        "rows": len(rows) if rows is not None else body.count(b"\n") - 1,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    scratch = None
    if "DATABASE_URL" not in os.environ:
        scratch = tempfile.mkdtemp(prefix="bench-dashboard-")
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/dashboard.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    consultant, _content = setup_database(args.companies)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # response.context for the row count
    settings.DEBUG = False
    client = Client()
    client.force_login(consultant)
    pages = client.get("/consultant/").context["page"].paginator.num_pages
    scenarios = [
        ("first page", "/consultant/"),
        (
            "filtered (level 3, submitted, 4S)",
            "/consultant/?level=3&status=submitted&type=dealer_4s",
        ),
        ("search '企业0123'", "/consultant/?q=企业0123"),
        (f"late page ({pages - 5} of {pages})", f"/consultant/?page={pages - 5}"),
        ("sorted by level, page 2", "/consultant/?sort=-level&page=2"),
        ("sorted by latest date", "/consultant/?sort=-date"),
        ("CSV export, one province", "/consultant/export.csv?province=sichuan&level=2"),
    ]
    print(
        f"\ndashboard of one consultant with {args.companies} clients "
        f"({connection.vendor}), {args.requests} requests each:"
    )
    print(f"{'page':<40} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'rows':>6}")
    for label, url in scenarios:
        figures = measure(client, url, args.requests if "export" not in url else 5)
        print(
            f"{label:<40} {figures['median']:>10.1f} {figures['p95']:>8.1f} "
            f"{figures['queries']:>8} {figures['rows']:>6}"
        )
    if scratch:
        print(f"\n(scratch database in {scratch})")


if __name__ == "__main__":
    main()
