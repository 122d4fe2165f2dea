using System.Diagnostics;
using Inventory.Worker.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Notifications.Worker.Infrastructure;
using Npgsql;
using Orders.Api.Infrastructure;
using Payments.Worker.Infrastructure;
using Platform.Local;
using Platform.Testing;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;

namespace Infra.Tests;

/// <summary>
/// Runs the production bootstrap (infra/postgres/init/10-platform.sh with infra/postgres/sql) on
/// a throwaway cluster of its own (it creates cluster-wide roles, so never on a shared server),
/// then each service's migrations as that service's role, exactly as the services do at start.
/// Then asserts least privilege: no role is a superuser; a service role reaches its own database
/// only and has DML on its own tables; Debezium's role has REPLICATION, SELECT on the outbox and
/// nothing else on service tables, and may call pg_logical_emit_message; the outbox of each
/// event-writing database is published before its first row.
/// </summary>
[NonParallelizable]
public class DatabasePrivilegesTests
{
    private static readonly string[] Services = ["orders", "payments", "inventory", "notifications"];
    private static readonly string[] EventWriters = ["orders", "payments", "inventory"];
    private LocalPostgresCluster? _cluster;

    [OneTimeSetUp]
    public async Task Bootstrap()
    {
        TestPostgres.RequireLocalBinaries("Running the init scripts on a cluster of their own");

        _cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { Fast = true }, CancellationToken.None);
        var admin = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString);
        var script = Path.Combine(AppContext.BaseDirectory, "infra", "postgres", "init", "10-platform.sh");
        var start = new ProcessStartInfo("bash", [script]);
        start.Environment["PLATFORM_SQL_DIR"] = Path.Combine(AppContext.BaseDirectory, "infra", "postgres", "sql");
        start.Environment["POSTGRES_USER"] = admin.Username;
        start.Environment["PGHOST"] = admin.Host;
        start.Environment["PGPORT"] = admin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var name in new[] { "ORDERS", "PAYMENTS", "INVENTORY", "NOTIFICATIONS", "DEBEZIUM" })
        {
            start.Environment[name + "_DB_PASSWORD"] = "secret-" + name.ToLowerInvariant();
        }

        var (exitCode, output, errors) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));
        Assert.That(exitCode, Is.Zero, $"10-platform.sh failed:\n{output}\n{errors}");

        // The services' own start: migrations and the outbox cleanup mode, as their own roles.
        var migrator = new SchemaMigrator(NullLogger<SchemaMigrator>.Instance);
        var migrations = new Dictionary<string, IReadOnlyList<Migration>>
        {
            ["orders"] = OrdersMigrations.All,
            ["payments"] = PaymentsMigrations.All,
            ["inventory"] = InventoryMigrations.All,
            ["notifications"] = NotificationsMigrations.All,
        };
        foreach (var service in Services)
        {
            await migrator.MigrateAsync(As(service + "_service", service), migrations[service], CancellationToken.None);
            await OutboxCleanup.ApplyAsync(As(service + "_service", service), OutboxCleanupMode.DeleteAfterInsert, CancellationToken.None);
        }
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Test]
    public async Task no_platform_role_is_a_superuser_or_can_create_roles_or_databases()
    {
        var roles = await QueryAsync<(string, bool, bool, bool, bool)>("postgres", "postgres",
            "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolreplication FROM pg_roles WHERE rolname LIKE '%\\_service' OR rolname = 'debezium' ORDER BY rolname",
            r => (r.GetString(0), r.GetBoolean(1), r.GetBoolean(2), r.GetBoolean(3), r.GetBoolean(4)));

        Assert.That(roles.Select(r => r.Item1), Is.EquivalentTo(new[] { "debezium", "inventory_service", "notifications_service", "orders_service", "payments_service" }));
        Assert.Multiple(() =>
        {
            foreach (var (name, super, createRole, createDb, replication) in roles)
            {
                Assert.That(super || createRole || createDb, Is.False, $"{name}: superuser, CREATEROLE or CREATEDB");
                Assert.That(replication, Is.EqualTo(name == "debezium"), $"{name}: REPLICATION only for the relay role");
            }
        });
    }

    [TestCaseSource(nameof(Services))]
    public async Task a_service_role_has_dml_on_every_table_of_its_own_database(string service)
    {
        var tables = await QueryAsync(service, service + "_service",
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND NOT (has_table_privilege(c.oid, 'SELECT') AND has_table_privilege(c.oid, 'INSERT')
                       AND has_table_privilege(c.oid, 'UPDATE') AND has_table_privilege(c.oid, 'DELETE'))
            """, r => r.GetString(0));
        var count = await QueryAsync(service, service + "_service",
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", r => r.GetInt64(0));

        Assert.That(count.Single(), Is.GreaterThan(2), "the migrations created the service's tables");
        Assert.That(tables, Is.Empty, "tables the service role cannot read and write");
    }

    [TestCaseSource(nameof(Services))]
    public void a_service_role_cannot_connect_to_another_services_database(string service)
    {
        var other = Services.First(s => s != service);
        var refused = Assert.ThrowsAsync<PostgresException>(async () => await QueryAsync(other, service + "_service", "SELECT 1", r => r.GetInt32(0)));
        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), refused.Message);
    }

    [TestCaseSource(nameof(EventWriters))]
    public async Task the_relay_role_reads_the_outbox_and_nothing_else_and_may_emit_heartbeats(string service)
    {
        var privileges = await QueryAsync(service, "debezium",
            """
            SELECT c.relname, has_table_privilege(c.oid, 'SELECT'), has_table_privilege(c.oid, 'INSERT,UPDATE,DELETE,TRUNCATE')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            """, r => (Table: r.GetString(0), Select: r.GetBoolean(1), Write: r.GetBoolean(2)));
        var heartbeat = await QueryAsync(service, "debezium", "SELECT pg_logical_emit_message(false, 'outbox-heartbeat', 'x')::text", r => r.GetString(0));

        Assert.Multiple(() =>
        {
            Assert.That(privileges.Where(p => p.Select).Select(p => p.Table), Is.EqualTo(new[] { "outbox" }), "tables the relay role can read");
            Assert.That(privileges.Where(p => p.Write).Select(p => p.Table), Is.Empty, "tables the relay role can change");
            Assert.That(heartbeat.Single(), Does.Contain("/"), "pg_logical_emit_message returned an LSN");
        });
    }

    /// <summary>
    /// The heartbeat grant names no signature: every overload of pg_logical_emit_message the server has
    /// carries an explicit EXECUTE for the relay role. PostgreSQL 17 changed the signature (a fourth
    /// parameter), so a grant on (boolean, text, text) aborts the init script there.
    /// </summary>
    [TestCaseSource(nameof(EventWriters))]
    public async Task the_relay_role_is_granted_every_overload_of_pg_logical_emit_message(string service)
    {
        var grants = await QueryAsync(service, "postgres",
            """
            SELECT p.oid::regprocedure::text,
                   EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 'debezium'::regrole AND a.privilege_type = 'EXECUTE')
            FROM pg_proc p WHERE p.proname = 'pg_logical_emit_message' AND p.pronamespace = 'pg_catalog'::regnamespace
            """, r => (Function: r.GetString(0), Granted: r.GetBoolean(1)));

        Assert.That(grants, Has.Count.GreaterThanOrEqualTo(2), "the text and bytea overloads");
        Assert.That(grants.Where(g => !g.Granted).Select(g => g.Function), Is.Empty, "overloads without an explicit grant to debezium");
    }

    [TestCaseSource(nameof(EventWriters))]
    public async Task the_outbox_is_published_and_its_slot_exists_before_the_first_event(string service)
    {
        var published = await QueryAsync(service, "postgres",
            "SELECT tablename FROM pg_publication_tables WHERE pubname = 'debezium_outbox'", r => r.GetString(0));
        var slots = await QueryAsync(service, "postgres",
            "SELECT slot_name FROM pg_replication_slots WHERE database = current_database() AND plugin = 'pgoutput'", r => r.GetString(0));

        Assert.That(published, Is.EqualTo(new[] { "outbox" }));
        Assert.That(slots, Is.EqualTo(new[] { "debezium_" + service }));
    }

    [Test]
    public async Task notifications_writes_no_events_so_it_has_no_publication_and_no_slot()
    {
        var publications = await QueryAsync("notifications", "postgres", "SELECT pubname FROM pg_publication", r => r.GetString(0));
        var slots = await QueryAsync("notifications", "postgres", "SELECT slot_name FROM pg_replication_slots WHERE database = 'notifications'", r => r.GetString(0));

        Assert.That(publications.Concat(slots), Is.Empty);
    }

    private string As(string role, string database) => new NpgsqlConnectionStringBuilder(_cluster!.ConnectionString)
    {
        Username = role,
        Database = database,
        Pooling = false,
    }.ConnectionString;

    private Task<List<T>> QueryAsync<T>(string database, string role, string sql, Func<NpgsqlDataReader, T> read) => TestSql.QueryAsync(As(role, database), sql, read);
}
