"""A group's roll-up with many stores, and the ZIP of many stores' reports.

Run by hand (not a test), on PostgreSQL for the real figures:

    createdb -h 127.0.0.1 -U postgres bench_network
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_network \\
        .venv/bin/python benchmarks/bench_network_rollup.py [--stores 10000] [--requests 20] [--zip 200]

Without $DATABASE_URL it uses a scratch SQLite database. It fills the database with one group of
N active stores (bulk_create): each store a company with its owner, a region of five, two
campaigns (T0 and T1) answered by most stores (levels 1-5, verdicts copied from one real
diagnosis per level), an action plan for half of them. Then it requests the roll-up page through
the Django test client (the whole middleware stack, no network) and prints median / p95
milliseconds and the number of queries — for the page as it opens, sorted by region, one
campaign only, and the XLSX export. Last, it builds the ZIP of the first `--zip` stores' reports
through the background task (rendering each report: the cache is emptied first) and prints the
time per report.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REGIONS = ["华东区", "华南区", "华北区", "西南区", "华中区"]
TYPES = ["dealer_4s", "independent", "regional_chain", "oem_direct", "other"]
PROVINCES = ["zhejiang", "jiangsu", "guangdong", "sichuan", "shandong", "beijing", "shanghai"]
PREFIX = "net-"


def ticks(level: int) -> list[str]:
    if level == 1:
        return ["L1.1", "L1.2", "L1.3"]
    codes = ["L2.1", "L2.2"]
    for n in range(3, level + 1):
        codes += [f"L{n}.1", f"L{n}.2", f"L{n}.3"]
    return codes


def verdict_templates(content, owner, company) -> dict:
    """One real diagnosis per level (the engine's output), copied onto the bulk rows."""
    from assessments.diagnosis import unsaved_diagnosis
    from assessments.models import Assessment
    from tests.factories import full_answers

    templates = {}
    for level in range(1, 6):
        answers = full_answers(content, checklist=ticks(level))
        probe = Assessment(
            company=company,
            model_version=content.version,
            status="submitted",
            checklist=answers[1]["checklist"],
            indicators=answers[2]["indicators"],
            dimensions={**answers[3]["dimensions"], "work_orders": min(5, level)},
            created_by=owner,
        )
        templates[level] = (answers, unsaved_diagnosis(probe))
    return templates


def setup_database(stores: int):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from assessments.groups import services as group_services
    from assessments.models import (
        ActionPlan,
        Assessment,
        Campaign,
        Company,
        Diagnosis,
        GroupStore,
        Membership,
        PlanAction,
        StoreGroup,
    )
    from maturity.models import InitiativeLibrary
    from maturity.selectors import model_content

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    content = model_content()
    User = get_user_model()
    admin, _ = User.objects.get_or_create(
        username="bench-group-admin@example.com",
        defaults={"email": "bench-group-admin@example.com"},
    )
    group = StoreGroup.objects.filter(name="基准集团").first()
    if group is None:
        group = group_services.create_group(
            user=admin, name="基准集团", kind="oem_network", regions=REGIONS
        )
    existing = GroupStore.objects.filter(group=group).count()
    if existing >= stores:
        return admin, group
    rng = random.Random(16)
    missing = stores - existing
    print(f"creating {missing} stores …", flush=True)
    started = time.perf_counter()
    now = timezone.now()
    t0, _ = Campaign.objects.get_or_create(
        group=group,
        name="T0",
        defaults={"deadline": date.today() - timedelta(days=250), "model_version": content.version},
    )
    t1, _ = Campaign.objects.get_or_create(
        group=group,
        name="T1",
        defaults={"deadline": date.today() + timedelta(days=14), "model_version": content.version},
    )
    Campaign.objects.filter(pk=t1.pk).update(created_at=now)
    regions = list(group.regions.order_by("position"))

    owners = [
        User(username=f"{PREFIX}{n}@example.com", email=f"{PREFIX}{n}@example.com")
        for n in range(existing, stores)
    ]
    for owner in owners:
        owner.set_unusable_password()
    User.objects.bulk_create(owners, batch_size=2000)
    owners = list(User.objects.filter(username__startswith=PREFIX).order_by("pk"))[existing:]
    companies = [
        Company(
            name=f"门店{n:05d}",
            type=rng.choice(TYPES),
            province=rng.choice(PROVINCES),
            city_tier="tier2",
            city=f"城市{n % 97}",
            technicians=20,
            annual_work_orders=8000,
            contact_name="店长",
            contact_mobile="13800000000",
            contact_email=f"{PREFIX}{n}@example.com",
            join_code=f"{PREFIX}{n}",
        )
        for n in range(existing, stores)
    ]
    Company.objects.bulk_create(companies, batch_size=2000)
    companies = sorted(
        Company.objects.filter(join_code__startswith=PREFIX), key=lambda c: int(c.join_code[4:])
    )[existing:]
    Membership.objects.bulk_create(
        [
            Membership(user=u, company=c, role="owner")
            for u, c in zip(owners, companies, strict=True)
        ],
        batch_size=2000,
    )
    GroupStore.objects.bulk_create(
        [
            GroupStore(
                group=group,
                company=c,
                region=regions[i % len(regions)],
                city=c.city,
                source="campaign",
                consented_by=u,
                consented_at=now,
            )
            for i, (u, c) in enumerate(zip(owners, companies, strict=True))
        ],
        batch_size=2000,
    )
    templates = verdict_templates(content, owners[0], companies[0])
    assessments, diagnoses = [], []
    for company, owner in zip(companies, owners, strict=True):
        level = rng.choice([1, 2, 2, 3, 3, 4, 5])
        for campaign, lvl, days_ago, answered in (
            (t0, max(1, level - 1), 260, rng.random() < 0.9),
            (t1, level, rng.randint(1, 20), rng.random() < 0.8),
        ):
            if not answered:
                continue
            answers, verdict = templates[lvl]
            assessment = Assessment(
                company=company,
                model_version=content.version,
                status="submitted",
                campaign=campaign,
                checklist=answers[1]["checklist"],
                indicators=answers[2]["indicators"],
                dimensions=answers[3]["dimensions"],
                target_level=min(5, lvl + 1),
                target_year=2030,
                created_by=owner,
                submitted_at=now - timedelta(days=days_ago),
            )
            assessments.append(assessment)
            diagnoses.append(
                Diagnosis(
                    assessment=assessment,
                    **{
                        f.name: getattr(verdict, f.name)
                        for f in Diagnosis._meta.concrete_fields
                        if f.name not in ("id", "assessment", "computed_at")
                    },
                )
            )
    Assessment.objects.bulk_create(assessments, batch_size=2000)
    Diagnosis.objects.bulk_create(diagnoses, batch_size=2000)
    library = InitiativeLibrary.objects.order_by("-pk").first()
    latest = {}
    for assessment in assessments:
        latest[assessment.company_id] = assessment
    plans = [
        ActionPlan(company_id=company_id, assessment=assessment, library=library)
        for company_id, assessment in latest.items()
        if rng.random() < 0.5
    ]
    ActionPlan.objects.bulk_create(plans, batch_size=2000)
    titles = ["建立售后KPI体系", "电子工单全覆盖", "客户数据治理", "BI仪表盘MVP", "预约系统上线"]
    PlanAction.objects.bulk_create(
        [
            PlanAction(plan=plan, position=k + 1, title=title)
            for plan in plans
            for k, title in enumerate(rng.sample(titles, 3))
        ],
        batch_size=5000,
    )
    print(
        f"  {len(companies)} stores, {len(assessments)} submitted assessments, {len(plans)} "
        f"plans in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return admin, group


def measure(client, url: str, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm up
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
        "queries": len(queries.captured_queries),
        "bytes": len(response.content),
    }


def bench_zip(admin, group, count: int) -> None:
    """The ZIP job over a group of the first ``count`` stores, every report rendered anew."""
    from assessments.groups import services as group_services
    from assessments.groups import tasks
    from assessments.models import BackgroundJob, GroupStore, ReportFile, StoreGroup

    zip_group = StoreGroup.objects.filter(name=f"基准集团-ZIP-{count}").first()
    if zip_group is None:
        zip_group = group_services.create_group(
            user=admin, name=f"基准集团-ZIP-{count}", kind="oem_network", regions=[]
        )
        GroupStore.objects.bulk_create(
            [
                GroupStore(group=zip_group, company_id=m.company_id, source="invited")
                for m in GroupStore.objects.filter(group=group).order_by("company__name")[:count]
            ]
        )
    ReportFile.objects.filter(
        assessment__company__group_stores__group=zip_group
    ).delete()  # render every report, not read it from the cache
    job = BackgroundJob.objects.create(
        kind="reports_zip", group=zip_group, requested_by=admin, language="zh-hans"
    )
    started = time.perf_counter()
    tasks.build_reports_zip.call(str(job.pk), "")
    elapsed = time.perf_counter() - started
    job.refresh_from_db()
    size = len(bytes(job.result or b""))
    print(
        f"\nZIP of {job.progress_done} reports: {elapsed:.1f} s, "
        f"{elapsed / max(1, job.progress_done) * 1000:.0f} ms per report, "
        f"{size / 1e6:.1f} MB ({job.status})"
    )
    started = time.perf_counter()
    job2 = BackgroundJob.objects.create(
        kind="reports_zip", group=zip_group, requested_by=admin, language="zh-hans"
    )
    tasks.build_reports_zip.call(str(job2.pk), "")
    elapsed = time.perf_counter() - started
    print(
        f"the same ZIP again (reports from the cache): {elapsed:.1f} s, "
        f"{elapsed / max(1, job.progress_done) * 1000:.0f} ms per report"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stores", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--zip", type=int, default=200, help="reports in the ZIP (0: skip)")
    args = parser.parse_args()

    scratch = None
    if "DATABASE_URL" not in os.environ:
        scratch = tempfile.mkdtemp(prefix="bench-network-")
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/network.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("TASKS_BACKEND", "immediate")

    admin, group = setup_database(args.stores)
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum would do after the bulk load
    from django.test import Client
    from django.test.utils import setup_test_environment

    from assessments.models import Campaign

    setup_test_environment()
    settings.DEBUG = False
    client = Client()
    client.force_login(admin)
    t1 = Campaign.objects.get(group=group, name="T1")
    base = f"/groups/{group.pk}/"
    scenarios = [
        ("roll-up as it opens", base),
        ("sorted by region, page 10", f"{base}?sort=region&page=10"),
        ("campaign T1 only", f"{base}?campaign={t1.pk}"),
        ("XLSX export", f"/groups/{group.pk}/export.xlsx"),
    ]
    print(
        f"\nroll-up of one group with {args.stores} stores ({connection.vendor}), "
        f"{args.requests} requests each:"
    )
    print(f"{'page':<32} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KB':>7}")
    for label, url in scenarios:
        figures = measure(client, url, args.requests if "export" not in url else 5)
        print(
            f"{label:<32} {figures['median']:>10.1f} {figures['p95']:>8.1f} "
            f"{figures['queries']:>8} {figures['bytes'] / 1024:>7.0f}"
        )
    if args.zip:
        bench_zip(admin, group, args.zip)
    if scratch:
        print(f"\n(scratch database in {scratch})")


if __name__ == "__main__":
    main()
