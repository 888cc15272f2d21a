"""A campaign at network scale: importing the store list, queueing the invitations, and
delivering them through real `db_worker` processes to a local SMTP server.

Run by hand (not a test), on a scratch PostgreSQL database (it is migrated, and the rows it
makes are left there):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_campaign \\
        .venv/bin/python benchmarks/bench_network_campaign.py [--stores 5000]

It starts an aiosmtpd server on 127.0.0.1 in this process and writes a tiny settings module
pointing Django's SMTP backend at it (tasks in the database backend). For each of 1 and 2
workers it makes a campaign of N stores and prints:

* import: `services.import_stores` of an N-row CSV (the whole file validated, then stored);
* queue: `services.send_invitations` (what the invitation task runs: N rendered emails stored
  and N `deliver_email` tasks enqueued in the database);
* deliver: `manage.py db_worker --queue-name email --batch` × W processes started together,
  from their start until the SMTP server holds N messages — emails/s in all and per worker,
  and the same measured from the first to the last message (without the processes' start-up).
"""

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def store_list(count: int, prefix: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["门店名称", "企业类型", "所在省份", "城市", "联系人", "邮箱", "手机", "区域"])
    regions = ["华东区", "华南区", "华北区"]
    for n in range(1, count + 1):
        writer.writerow(
            [
                f"{prefix}门店{n:05d}",
                "4S店" if n % 2 else "独立售后门店",
                "浙江省",
                f"城市{n % 97}",
                f"联系人{n}",
                f"{prefix}.{n}@bench.example",
                f"138{n:08d}",
                regions[n % 3],
            ]
        )
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", type=int, default=5000)
    parser.add_argument("--workers", default="1,2", help="worker counts to measure, e.g. 1,2")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (several workers need it).")

    from tests.smtp_sink import start_sink

    sink, controller = start_sink()
    settings_dir = Path(tempfile.mkdtemp(prefix="bench-campaign-"))
    (settings_dir / "bench_campaign_settings.py").write_text(
        "from config.settings import *  # noqa\n"
        "EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\n"
        f"EMAIL_HOST = '127.0.0.1'\nEMAIL_PORT = {sink.port}\nEMAIL_USE_TLS = False\n"
        "LOGGING = {'version': 1, 'disable_existing_loggers': False, 'root': {'level': 'WARNING'}}\n"
    )
    env = {
        **os.environ,
        "TASKS_BACKEND": "database",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + "k" * 50),
        "DJANGO_SETTINGS_MODULE": "bench_campaign_settings",
        "PYTHONPATH": os.pathsep.join([str(settings_dir), str(ROOT)]),
    }
    os.environ.update(env)
    sys.path.insert(0, str(settings_dir))

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from assessments.campaigns import services
    from assessments.models import GroupAdmin, GroupRegion, StoreGroup
    from maturity.selectors import current_version

    call_command("migrate", verbosity=0)
    admin, _ = get_user_model().objects.get_or_create(username="bench-group-admin")
    group = StoreGroup.objects.create(name=f"bench group {time.time():.0f}", kind="dealer_group")
    GroupAdmin.objects.create(group=group, user=admin)
    for position, name in enumerate(["华东区", "华南区", "华北区"]):
        GroupRegion.objects.create(group=group, name=name, position=position)

    print(f"PostgreSQL, {args.stores} stores per campaign, SMTP sink on 127.0.0.1:{sink.port}")
    for workers in [int(w) for w in args.workers.split(",")]:
        campaign = services.create_campaign(
            group=group,
            user=admin,
            name=f"bench {workers}w",
            deadline=timezone.localdate() + timedelta(days=14),
            model_version=current_version(),
            reminder_days=[7, 3, 1],
        )
        content = store_list(args.stores, prefix=f"w{workers}t{time.time():.0f}")
        started = time.perf_counter()
        parsed = services.import_stores(campaign, content=content, filename="stores.csv")
        import_s = time.perf_counter() - started
        assert parsed.ok, parsed.errors[:5]

        started = time.perf_counter()
        queued = services.send_invitations(campaign, site_url="https://diag.example/")
        queue_s = time.perf_counter() - started
        assert queued == args.stores

        sink.clear()
        started = time.perf_counter()
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "manage.py"),
                    "db_worker",
                    "--queue-name",
                    "email",
                    "--batch",
                    "--no-startup-delay",
                    "--no-reload",
                    "--worker-id",
                    f"bench-{workers}-{n}",
                    "-v",
                    "0",
                ],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
            for n in range(workers)
        ]
        first = None
        while len(sink.messages) < args.stores:
            if first is None and sink.messages:
                first = time.perf_counter()
            if all(p.poll() is not None for p in processes) and len(sink.messages) < args.stores:
                time.sleep(1)
                if len(sink.messages) < args.stores:
                    sys.exit(f"workers ended with {len(sink.messages)} of {args.stores} delivered")
            time.sleep(0.02)
        last = time.perf_counter()
        for process in processes:
            process.wait(timeout=60)
        deliver_s = last - started
        steady_s = last - (first or started)
        total_rate = args.stores / deliver_s
        steady_rate = args.stores / steady_s
        print(
            f"{workers} worker(s): import {import_s:.2f} s ({args.stores / import_s:.0f} rows/s) · "
            f"queue {queue_s:.2f} s ({args.stores / queue_s:.0f} emails/s) · "
            f"deliver {deliver_s:.2f} s = {total_rate:.0f} emails/s, "
            f"{total_rate / workers:.0f} per worker "
            f"(first→last message {steady_s:.2f} s = {steady_rate:.0f}/s, "
            f"{steady_rate / workers:.0f} per worker)"
        )
    controller.stop()


if __name__ == "__main__":
    main()
