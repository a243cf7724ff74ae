#!/usr/bin/env bash
# Restores a backup made by backup.sh into an explicitly named database.
#
#   scripts/restore.sh --target postgres://…/techtrek_restored [--force] FILE.dump
#
# Never reads DATABASE_URL, so a restore cannot land on the live database by accident. The target
# must exist; one that already holds tables is refused unless --force says to replace them. The
# archive's checksum (FILE.dump.sha256) must match, and the restore runs in one transaction that
# stops at the first error: a bad archive leaves the target exactly as it was.
set -euo pipefail

fail() {
  echo "restore.sh: $*" >&2
  exit 1
}
usage() {
  fail "usage: restore.sh --target DATABASE_URL [--force] BACKUP_FILE"
}

target=""
force=false
file=""
while (($# > 0)); do
  case "$1" in
  --target)
    (($# >= 2)) || usage
    target="$2"
    shift 2
    ;;
  --force)
    force=true
    shift
    ;;
  -*) usage ;;
  *)
    [[ -z "$file" ]] || usage
    file="$1"
    shift
    ;;
  esac
done
[[ -n "$target" && -n "$file" ]] || usage
[[ -f "$file" ]] || fail "no backup file at $file"
[[ -f "$file.sha256" ]] || fail "no checksum file at $file.sha256: refusing an unverified backup"

expected=$(cut -d' ' -f1 <"$file.sha256")
actual=$(sha256sum "$file" | cut -d' ' -f1)
if [[ "$expected" != "$actual" ]]; then
  fail "checksum mismatch for $file (expected $expected, got $actual): the backup is corrupt or was changed; nothing was restored"
fi
pg_restore --list "$file" >/dev/null || fail "$file is not a readable pg_dump archive; nothing was restored"

relations=$(psql --dbname="$target" --no-psqlrc --tuples-only --no-align --command="
  SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'") ||
  fail "cannot connect to the target database"
if ((relations > 0)) && [[ "$force" != true ]]; then
  fail "the target database is not empty ($relations tables, views or sequences): pass --force to replace its contents"
fi

if ! pg_restore --dbname="$target" --clean --if-exists --no-owner --no-privileges \
  --exit-on-error --single-transaction "$file"; then
  fail "pg_restore failed (see above); it ran in one transaction, so the target is unchanged"
fi
echo "restore.sh: restored $file" >&2
