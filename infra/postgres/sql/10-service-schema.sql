-- Run in each service database (psql variable :service). The service's own migrations create its
-- tables at start (Platform.Persistence SchemaMigrator), so the service role owns exactly the tables
-- it created and nothing else: CREATE on the schema, no rights in any other database.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SELECT format('GRANT USAGE, CREATE ON SCHEMA public TO %I', :'service' || '_service') \gexec
