#!/usr/bin/env bash
# Restores FILE (made by scripts/backup.sh) into the PostgreSQL database named by DATABASE_URL,
# replacing what is there. Stop the app servers first.
# Usage: DATABASE_URL=postgres://user:pass@host:5432/db scripts/restore.sh FILE
set -euo pipefail
file=${1:?usage: scripts/restore.sh FILE}
: "${DATABASE_URL:?set DATABASE_URL to the postgres://… URL of the database}"
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --dbname="$DATABASE_URL" "$file"
echo "Restored $file"
