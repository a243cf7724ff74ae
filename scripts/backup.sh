#!/usr/bin/env bash
# Backs up the PostgreSQL database at DATABASE_URL (the only state worth backing up: Redis holds
# caches, counters and queues that are rebuilt or re-driven from PostgreSQL, see docs/deploy.md).
#
#   DATABASE_URL=postgres://… scripts/backup.sh [FILE]
#
# Writes a pg_dump custom-format archive to FILE, or to $BACKUP_DIR (default ./backups) as
# techtrek-<UTC time>.dump, plus FILE.sha256 (sha256sum format) that restore.sh checks. The archive
# appears under its final name only once complete. Prints the archive's path as its last line.
set -euo pipefail

fail() {
  echo "backup.sh: $*" >&2
  exit 1
}

[[ -n "${DATABASE_URL:-}" ]] || fail "DATABASE_URL is not set"
for tool in pg_dump psql sha256sum; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (Debian: postgresql-client)"
done

# pg_dump refuses a server newer than itself, and an older server's dump restores into newer ones:
# so the client must be at least the server's major version. Said here in words before it fails.
client_major=$(pg_dump --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')
server_major=$(psql --dbname="$DATABASE_URL" --no-psqlrc --tuples-only --no-align \
  --command='SHOW server_version_num') || fail "cannot connect to the database"
server_major=$((server_major / 10000))
if ((client_major < server_major)); then
  fail "pg_dump is version $client_major but the server is $server_major: install postgresql-client-$server_major"
fi

target="${1:-${BACKUP_DIR:-./backups}/techtrek-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$target")"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

# --no-owner/--no-privileges: a restore must not depend on the source's role names.
pg_dump --dbname="$DATABASE_URL" --format=custom --no-owner --no-privileges --file="$partial"
mv "$partial" "$target"
(cd "$(dirname "$target")" && sha256sum "$(basename "$target")" >"$(basename "$target").sha256")

echo "backup.sh: $(du -h "$target" | cut -f1) from PostgreSQL $server_major with pg_dump $client_major" >&2
echo "$target"
