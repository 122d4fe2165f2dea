-- Run in orders, payments and inventory. Debezium's publication and slot exist before any service
-- starts, so no event can be committed before its slot (a slot streams only WAL written after it
-- exists; see services/Platform.Relay/README.md "Start order matters").
--
-- The outbox table does not exist yet: the service's migration creates it at start. The
-- publication is created empty here, and an event trigger adds public.outbox to it (and grants
-- Debezium SELECT on it, nothing more) inside the migration's own CREATE TABLE transaction, so the
-- table is published before its first row can commit. The connectors therefore run with
-- publication.autocreate.mode=disabled and Debezium never needs table ownership.
-- publish: insert for events; update so that Debezium can warn about an unexpected UPDATE
-- (EventRouter table.op.invalid.behavior=warn), as the embedded relay does.
CREATE PUBLICATION debezium_outbox WITH (publish = 'insert, update');

GRANT USAGE ON SCHEMA public TO debezium;
-- heartbeat.action.query writes a logical decoding message so an idle outbox still advances the
-- slot's confirmed position (WAL of other tables is released). Granted on every overload the
-- server has: PostgreSQL 17 added a fourth parameter (flush boolean DEFAULT false), so the
-- signature (boolean, text, text) of 15 and 16 does not exist there and naming it would abort
-- this script.
SELECT format('GRANT EXECUTE ON FUNCTION %s TO debezium', p.oid::regprocedure)
FROM pg_proc p
WHERE p.proname = 'pg_logical_emit_message' AND p.pronamespace = 'pg_catalog'::regnamespace
\gexec

CREATE FUNCTION platform_publish_outbox() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands()
               WHERE command_tag = 'CREATE TABLE' AND object_identity = 'public.outbox')
       AND NOT EXISTS (SELECT 1 FROM pg_publication_tables
                       WHERE pubname = 'debezium_outbox' AND schemaname = 'public' AND tablename = 'outbox') THEN
        ALTER PUBLICATION debezium_outbox ADD TABLE public.outbox;
        GRANT SELECT ON public.outbox TO debezium;
    END IF;
END
$$;
REVOKE ALL ON FUNCTION platform_publish_outbox() FROM PUBLIC;
CREATE EVENT TRIGGER platform_publish_outbox ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
    EXECUTE FUNCTION platform_publish_outbox();

-- Slot names match connectors/<service>.json slot.name (slots are cluster-wide, hence the suffix).
SELECT pg_create_logical_replication_slot('debezium_' || :'service', 'pgoutput');
