#!/usr/bin/env bash
# Runs once, on an empty data directory, as the image's superuser (docker-entrypoint-initdb.d).
# Creates the service databases, their least-privilege roles and, for the three databases that
# write events, Debezium's publication and replication slot. Passwords come from the container's
# environment (compose interpolates them from the untracked infra/.env); none is in the repository.
set -euo pipefail
for var in ORDERS_DB_PASSWORD PAYMENTS_DB_PASSWORD INVENTORY_DB_PASSWORD NOTIFICATIONS_DB_PASSWORD DEBEZIUM_DB_PASSWORD; do
  [[ -n "${!var:-}" ]] || { echo "10-platform.sh: $var is required" >&2; exit 1; }
done

sql="${PLATFORM_SQL_DIR:-/platform-sql}"   # mounted from infra/postgres/sql
run() { psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" "$@"; }

run --dbname postgres \
  -v orders_password="$ORDERS_DB_PASSWORD" \
  -v payments_password="$PAYMENTS_DB_PASSWORD" \
  -v inventory_password="$INVENTORY_DB_PASSWORD" \
  -v notifications_password="$NOTIFICATIONS_DB_PASSWORD" \
  -v debezium_password="$DEBEZIUM_DB_PASSWORD" \
  -f "$sql"/00-roles-and-databases.sql

for service in orders payments inventory notifications; do
  run --dbname "$service" -v service="$service" -f "$sql"/10-service-schema.sql
done

# Notifications writes no events: no publication, no slot.
for service in orders payments inventory; do
  run --dbname "$service" -v service="$service" -f "$sql"/20-outbox-capture.sql
done
