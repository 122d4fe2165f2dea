#!/usr/bin/env bash
# Makes sure this machine has what `./build.sh run` and `./build.sh test` need beyond the .NET
# SDK: PostgreSQL server binaries (the local cluster and the test fixture run initdb/pg_ctl).
# Installs them with apt when running as root; otherwise prints the command and fails.
# Skipped when PLATFORM_PG_BIN or PLATFORM_TEST_POSTGRES points elsewhere.
set -euo pipefail

log() { printf '[prerequisites] %s\n' "$*" >&2; }

if [[ -n "${PLATFORM_PG_BIN:-}" || -n "${PLATFORM_TEST_POSTGRES:-}" ]]; then
  exit 0
fi

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  log "installing PostgreSQL server binaries (apt package postgresql)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # The Debian package starts a system cluster on port 5432; this project runs its own.
  exit 0
fi

log "PostgreSQL server binaries not found; run: sudo apt-get install -y postgresql"
exit 1
