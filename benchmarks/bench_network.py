"""The network benchmark the issue names: a campaign at scale, then the roll-up at scale.

Run by hand (not a test), on scratch PostgreSQL databases (each part migrates its own and leaves
its rows there):

    .venv/bin/python benchmarks/bench_network.py [--stores 5000] [--rollup-stores 10000] \\
        [--requests 20] [--zip 200] [--workers 1,2]

Part 1, `bench_network_campaign.py`: import N stores from a CSV, queue N invitations, deliver
them to a local aiosmtpd SMTP server with 1 and with 2 `db_worker` processes (emails/s in all
and per worker). Part 2, `bench_network_rollup.py`: the roll-up page of a group of M stores
(median, p95, query count), and the ZIP of the first Z stores' reports (time per report).

Each part runs in its own process against its own database (`bench_network_campaign` and
`bench_network_rollup` on 127.0.0.1:5432 unless $BENCH_PG says another server), created here
if missing, so the figures of one never include the other's rows. Either part can be run alone
with its own script and options.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def database_url(name: str) -> str:
    server = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    subprocess.run(
        ["psql", f"{server}/postgres", "-q", "-c", f"CREATE DATABASE {name}"],
        capture_output=True,
        check=False,  # it exists already: the part migrates and reuses it
    )
    return f"{server}/{name}"


def run_part(script: str, database: str, arguments: list[str]) -> int:
    print(f"\n=== {script} ({database}) ===", flush=True)
    env = {**os.environ, "DATABASE_URL": database_url(database)}
    return subprocess.run([sys.executable, str(HERE / script), *arguments], env=env).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", type=int, default=5000, help="campaign stores to import")
    parser.add_argument("--workers", default="1,2", help="worker counts to measure")
    parser.add_argument("--rollup-stores", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--zip", type=int, default=200, help="reports in the ZIP (0: skip)")
    options = parser.parse_args()
    failed = run_part(
        "bench_network_campaign.py",
        "bench_network_campaign",
        ["--stores", str(options.stores), "--workers", options.workers],
    )
    failed |= run_part(
        "bench_network_rollup.py",
        "bench_network_rollup",
        [
            "--stores",
            str(options.rollup_stores),
            "--requests",
            str(options.requests),
            "--zip",
            str(options.zip),
        ],
    )
    return failed


if __name__ == "__main__":
    sys.exit(main())
