-- One login role per service, one for Debezium; databases owned by the bootstrap superuser so a
-- service role cannot drop its database or change its ownership. Passwords are psql variables
-- set by ../init/10-platform.sh from the environment.
CREATE ROLE orders_service        LOGIN PASSWORD :'orders_password';
CREATE ROLE payments_service      LOGIN PASSWORD :'payments_password';
CREATE ROLE inventory_service     LOGIN PASSWORD :'inventory_password';
CREATE ROLE notifications_service LOGIN PASSWORD :'notifications_password';
-- REPLICATION is what a logical replication connection needs; no superuser, no CREATE anywhere.
-- https://debezium.io/documentation/reference/stable/connectors/postgresql.html#postgresql-permissions
CREATE ROLE debezium LOGIN REPLICATION PASSWORD :'debezium_password';

CREATE DATABASE orders;
CREATE DATABASE payments;
CREATE DATABASE inventory;
CREATE DATABASE notifications;

REVOKE ALL ON DATABASE orders, payments, inventory, notifications FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE orders        TO orders_service;
GRANT CONNECT, TEMPORARY ON DATABASE payments      TO payments_service;
GRANT CONNECT, TEMPORARY ON DATABASE inventory     TO inventory_service;
GRANT CONNECT, TEMPORARY ON DATABASE notifications TO notifications_service;
GRANT CONNECT ON DATABASE orders, payments, inventory TO debezium;
