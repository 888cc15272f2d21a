#!/usr/bin/env bash
# Dumps the PostgreSQL database named by DATABASE_URL to FILE (custom format, compressed).
# Usage: DATABASE_URL=postgres://user:pass@host:5432/db scripts/backup.sh FILE
set -euo pipefail
file=${1:?usage: scripts/backup.sh FILE}
: "${DATABASE_URL:?set DATABASE_URL to the postgres://… URL of the database}"
pg_dump --format=custom --no-owner --no-privileges --file="$file" "$DATABASE_URL"
echo "Backup written to $file ($(du -h "$file" | cut -f1))"
