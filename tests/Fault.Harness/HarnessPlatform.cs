using Npgsql;
using Platform.AppHost;
using Platform.Contracts;
using Platform.Kafka.Clients;
using Platform.Local;
using Platform.Messaging.Consuming;
using Platform.Testing;

namespace Fault.Harness;

/// <summary>
/// The platform as separate processes: PostgreSQL (a throwaway local cluster the harness can
/// crash, or <c>PLATFORM_TEST_POSTGRES</c>), Kafka (a mock cluster owned by this process, which is
/// never killed, or <c>PLATFORM_TEST_KAFKA</c>), three relays and the four services, each a
/// supervised <c>dotnet</c> process. Every service writes its outbox in Retain mode, so the
/// ledger can compare every committed event with what reached Kafka.
/// </summary>
public sealed class HarnessPlatform : IAsyncDisposable
{
    /// <summary>The API client the load runs as.</summary>
    public const string ApiClient = "fault-harness";

    /// <summary>Gateway limit per customer: some orders are declined.</summary>
    public const decimal CreditLimit = 20_000m;

    /// <summary>Consumer session timeout on the mock cluster under the classic protocol.</summary>
    private static readonly TimeSpan ConsumerSessionTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The mock brokers' session and heartbeat interval for KIP-848 groups. A killed member's
    /// partitions move to its replacement once the broker has seen no heartbeat for the session
    /// (checked once a second) and the replacement has heartbeated since: between session - interval
    /// and session + 1 s + interval after the kill (2 to 4 s). Five heartbeats a session, as the classic
    /// protocol's three, leave a member that misses one or two (a busy machine) in its group.
    /// </summary>
    private static readonly (TimeSpan Session, TimeSpan Heartbeat) GroupTimeouts = (TimeSpan.FromSeconds(2.5), TimeSpan.FromMilliseconds(500));

    /// <summary>Partitions of the event topics on the mock cluster (created before the services start).</summary>
    public const int EventTopicPartitions = 16;

    /// <summary>Seeded stock: plenty of most skus, little of SKU-9, so some orders are rejected for stock.</summary>
    public static readonly IReadOnlyDictionary<string, int> Stock =
        Enumerable.Range(1, 9).ToDictionary(i => $"SKU-{i}", i => i == 9 ? 60 : 1_000_000);

    private readonly List<SupervisedProcess> _processes = [];
    private LocalPostgresCluster? _postgres;
    private MockKafkaCluster? _kafka;

    private HarnessPlatform(string outputDirectory)
    {
        OutputDirectory = outputDirectory;
        HarnessKafkaLog.WriteTo(outputDirectory);
    }

    /// <summary>Where the process logs go.</summary>
    public string OutputDirectory { get; }

    /// <summary>Superuser connection string.</summary>
    public string PostgresAdmin { get; private set; } = "";

    /// <summary>Kafka bootstrap servers.</summary>
    public string BootstrapServers { get; private set; } = "";

    /// <summary>
    /// The services' consumer group protocol (<c>group.protocol</c>): <c>consumer</c> (KIP-848) on a
    /// mock cluster that has it, otherwise <c>classic</c>, which every broker speaks.
    /// </summary>
    public string GroupProtocol { get; private set; } = "classic";

    /// <summary>Service database connection strings, by service.</summary>
    public IReadOnlyDictionary<string, string> Databases { get; private set; } = new Dictionary<string, string>();

    /// <summary>The API key of <see cref="ApiClient"/>.</summary>
    public string ApiKey { get; } = Orders.Api.Security.ApiKeys.New();

    /// <summary>
    /// A Kafka password every process is given (<c>Kafka:Properties:sasl.password</c>, the relays'
    /// <c>Relay:Producer:sasl.password</c>) the way a secured cluster's would be; unused on a
    /// PLAINTEXT cluster, it is there so the ledger can check that no log line carries it.
    /// </summary>
    public string KafkaPassword { get; } = "harness-secret-" + Guid.NewGuid().ToString("N");

    /// <summary>Orders API base URL.</summary>
    public string OrdersUrl => Process("orders").HealthUrl;

    /// <summary>Every supervised process.</summary>
    public IReadOnlyList<SupervisedProcess> Processes => _processes;

    /// <summary>True when PostgreSQL is the harness's own cluster (so it can be restarted).</summary>
    public bool CanRestartPostgres => _postgres is not null;

    /// <summary>True when Kafka is the harness's own mock cluster (so its brokers can be taken down).</summary>
    public bool CanTakeKafkaDown => _kafka is not null;

    /// <summary>Starts everything in the order that loses nothing: schemas, relays (each waited for until its slot exists), services; returns when every process is ready.</summary>
    public static async Task<HarnessPlatform> StartAsync(string servicesDirectory, string outputDirectory, CancellationToken cancellationToken)
    {
        var platform = new HarnessPlatform(outputDirectory);
        try
        {
            await platform.StartInfrastructureAsync(cancellationToken);
            var prefix = "faults_";
            platform.Databases = await PlatformSetup.PrepareDatabasesAsync(platform.PostgresAdmin, prefix, cancellationToken);
            foreach (var source in PlatformSetup.EventSources)
            {
                var slot = PlatformSetup.SlotName(prefix, source);
                platform.Add($"relay-{source}", servicesDirectory, "Platform.Relay",
                    PlatformSetup.RelaySettings(platform.Databases[source], platform.BootstrapServers, slot));
                await PlatformSetup.WaitForSlotAsync(platform.PostgresAdmin, slot, cancellationToken);
            }

            platform.Add("orders", servicesDirectory, "Orders.Api", PlatformSetup.OrdersSettings(platform.Databases["orders"], ApiClient, platform.ApiKey));
            platform.Add("payments", servicesDirectory, "Payments.Worker", PlatformSetup.PaymentsSettings(platform.Databases["payments"], CreditLimit));
            platform.Add("inventory", servicesDirectory, "Inventory.Worker", PlatformSetup.InventorySettings(platform.Databases["inventory"], Stock));
            platform.Add("notifications", servicesDirectory, "Notifications.Worker", PlatformSetup.NotificationsSettings(platform.Databases["notifications"]));
            foreach (var process in platform._processes)
            {
                await Eventually.WaitAsync(() => process.IsReadyAsync(cancellationToken),
                    $"{process.Name} to be ready (see {process.LogFile})", TimeSpan.FromSeconds(180), cancellationToken);
            }

            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>The supervised process called <paramref name="name"/>.</summary>
    public SupervisedProcess Process(string name) => _processes.Single(p => p.Name == name);

    /// <summary>Crashes PostgreSQL and starts it again (crash recovery); returns once it accepts connections.</summary>
    public async Task RestartPostgresImmediateAsync(CancellationToken cancellationToken)
    {
        await _postgres!.RestartImmediateAsync(cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Takes every broker down, or brings them back.</summary>
    public void SetKafkaReachable(bool reachable) => _kafka!.SetReachable(reachable);

    private async Task StartInfrastructureAsync(CancellationToken cancellationToken)
    {
        var postgres = Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            await LocalPostgresCluster.StopOrphansAsync(cancellationToken);
            // Durable settings (fsync on): an immediate restart must find every commit in the WAL.
            _postgres = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(), cancellationToken);
            postgres = _postgres.ConnectionString;
        }

        PostgresAdmin = postgres;
        var kafka = Environment.GetEnvironmentVariable("PLATFORM_TEST_KAFKA");
        if (string.IsNullOrWhiteSpace(kafka))
        {
            _kafka = MockKafkaCluster.Start(brokers: 3);
            // Every group here has one member (one process per service). A restarted process that
            // finds its group empty (its predecessor's session already expired) would otherwise
            // wait the broker's default 3 s for more members before being given its partitions;
            // Kafka's own advice for such groups is 0.
            _kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
            // The mock answers a fetch with one message set per partition and finds it by walking
            // the partition's log from its oldest set (rdkafka_mock.c, "FIXME: Maintain an
            // index"), on one thread for the whole cluster. A consumer that fell behind (after a
            // Kafka outage, every one of them at once) pays a walk per record, so the cost grows
            // with the square of the log: late in a 200-fault run, with tens of thousands of
            // single-record sets per partition, that thread was saturated and the platform
            // stalled for minutes (perf: 74 % of the harness in rd_kafka_mock_msgset_find).
            // Sixteen partitions instead of the mock's four keep each log a quarter as long.
            foreach (var topic in new[] { Topics.OrderEvents, Topics.PaymentEvents, Topics.InventoryEvents })
            {
                _kafka.CreateTopic(topic, EventTopicPartitions);
            }

            // KIP-848's consumer group protocol where this librdkafka's mock has it: no join and
            // sync barrier. A restarted member is given its share of the partitions on its first
            // heartbeat, and its dead predecessor's share once that member's session has expired
            // (GroupTimeouts); under the classic protocol the mock made it wait for a whole
            // rebalance, and a second session when it joined before the dead member was dropped.
            if (_kafka.TrySetConsumerGroupTimeouts(GroupTimeouts.Session, GroupTimeouts.Heartbeat))
            {
                GroupProtocol = ConsumerClientConfig.ConsumerGroupProtocol;
            }

            kafka = _kafka.BootstrapServers;
        }

        BootstrapServers = kafka;
    }

    private void Add(string name, string servicesDirectory, string project, Dictionary<string, string?> own)
    {
        var dll = ServiceBuild.Dll(servicesDirectory, project);
        foreach (var (key, value) in CommonSettings())
        {
            own[key] = value;
        }

        // Static group membership (KIP-345), classic protocol only: on a real cluster a restarted
        // process takes its partitions back at once instead of waiting for its dead predecessor's
        // session to expire, as a StatefulSet pod with a stable name would. (The mock's classic
        // groups ignore it; see the session timeout below.) Under KIP-848 a real broker refuses a
        // replacement while its crashed predecessor's session lasts, but the mock hands it the
        // predecessor's assignment at once: measuring that would flatter the platform.
        if (GroupProtocol != ConsumerClientConfig.ConsumerGroupProtocol)
        {
            own["Kafka:Properties:group.instance.id"] = name;
        }

        var process = new SupervisedProcess(name, dll, $"http://127.0.0.1:{FreePort.Next()}", own, OutputDirectory);
        _processes.Add(process);
        process.Start();
    }

    private Dictionary<string, string?> CommonSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = BootstrapServers,
            // Retain mode: committed events stay readable in SQL for the ledger.
            ["Outbox:CleanupMode"] = "Retain",
            // Warnings and up: the sequence checks' lines, failures, restarts.
            ["Serilog:MinimumLevel"] = "Warning",
            ["Logging:LogLevel:Default"] = "Warning",
            // Workstation GC: seven processes share two cores.
            ["DOTNET_gcServer"] = "0",
            // A broker that stops answering without closing its connections (as the mock
            // cluster's brokers do when taken down) is given up on after 10 s instead of
            // librdkafka's default 60 s; docs/reliability.md recommends the same in production.
            ["Kafka:Properties:socket.timeout.ms"] = "10000",
            ["Relay:Producer:socket.timeout.ms"] = "10000",
            ["Kafka:Properties:sasl.password"] = KafkaPassword,
            ["Relay:Producer:sasl.password"] = KafkaPassword,
        };
        if (GroupProtocol == ConsumerClientConfig.ConsumerGroupProtocol)
        {
            // The session is the broker's (set on the mock above).
            settings["Kafka:Properties:group.protocol"] = GroupProtocol;
            return settings;
        }

        // Classic protocol. The mock cluster does not honour static membership: a restarted
        // member is a new one, its predecessor keeps its partitions until its session expires,
        // and the mock then waits the session timeout less one second for members to rejoin
        // before it assigns anything. A 3 s session (heartbeats every second) stands in for what
        // group.instance.id gives on a real cluster, where the restarted member is handed its
        // partitions at once. A real cluster refuses sessions under group.min.session.timeout.ms
        // (6 s by default): 6 s there.
        foreach (var consumer in new[] { "orders-saga", "orders-read-model", "payments", "inventory", "notifications" })
        {
            settings[$"Consumers:{consumer}:SessionTimeoutMs"] = _kafka is null ? "6000" : ((int)ConsumerSessionTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary>Kills every process, then stops Kafka and PostgreSQL.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        _kafka?.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
