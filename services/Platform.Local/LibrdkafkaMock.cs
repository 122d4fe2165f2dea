using System.Runtime.InteropServices;

namespace Platform.Local;

/// <summary>
/// The few functions of librdkafka's public C API (rdkafka.h, rdkafka_mock.h) that create a
/// mock cluster and take its brokers down and up. Confluent.Kafka does not wrap the mock API,
/// so the cluster is owned by a native client created here, from the same native library
/// Confluent.Kafka loads.
/// </summary>
internal static partial class LibrdkafkaMock
{
    private const string Library = "librdkafka";
    private const int ProducerType = 0;
    private const int ConfigOk = 0;

    // Runs before the first call into this class, so before any of its functions is bound.
    static LibrdkafkaMock() => NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaMock).Assembly, Resolve);

    /// <summary>Creates a client whose configuration starts <paramref name="brokers"/> mock brokers; returns it and its cluster.</summary>
    public static (IntPtr Client, IntPtr Cluster) Create(int brokers)
    {
        var errors = new byte[512];
        var config = rd_kafka_conf_new();
        // The owning client's own log lines (its connections to its own brokers) are noise:
        // what matters surfaces in the clients that use the cluster.
        foreach (var (name, value) in new[] { ("test.mock.num.brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("log_level", "2") })
        {
            if (rd_kafka_conf_set(config, name, value, errors, (UIntPtr)errors.Length) != ConfigOk)
            {
                rd_kafka_conf_destroy(config);
                throw new InvalidOperationException($"librdkafka refused {name}: " + Text(errors));
            }
        }

        // On success the client owns the configuration; on failure it is still ours.
        var client = rd_kafka_new(ProducerType, config, errors, (UIntPtr)errors.Length);
        if (client == IntPtr.Zero)
        {
            rd_kafka_conf_destroy(config);
            throw new InvalidOperationException("librdkafka could not create the mock cluster's client: " + Text(errors));
        }

        var cluster = rd_kafka_handle_mock_cluster(client);
        if (cluster == IntPtr.Zero)
        {
            rd_kafka_destroy(client);
            throw new InvalidOperationException("librdkafka created no mock cluster.");
        }

        return (client, cluster);
    }

    /// <summary>The brokers' addresses, comma-separated.</summary>
    public static string Bootstraps(IntPtr cluster) =>
        Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(cluster)) ?? throw new InvalidOperationException("The mock cluster has no addresses.");

    /// <summary>Takes a broker down (its connections are closed and new ones refused) or brings it back.</summary>
    public static void SetBroker(IntPtr cluster, int brokerId, bool up)
    {
        var error = up ? rd_kafka_mock_broker_set_up(cluster, brokerId) : rd_kafka_mock_broker_set_down(cluster, brokerId);
        if (error != 0)
        {
            throw new InvalidOperationException($"librdkafka could not set mock broker {brokerId} {(up ? "up" : "down")}: error {error}.");
        }
    }

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions, each on <paramref name="replicas"/> brokers.</summary>
    public static void CreateTopic(IntPtr cluster, string topic, int partitions, int replicas)
    {
        var error = rd_kafka_mock_topic_create(cluster, topic, partitions, replicas);
        if (error != 0)
        {
            throw new InvalidOperationException($"librdkafka could not create mock topic {topic}: error {error}.");
        }
    }

    /// <summary>Sets the cluster's <c>group.initial.rebalance.delay.ms</c>.</summary>
    public static void SetGroupInitialRebalanceDelay(IntPtr cluster, int milliseconds) =>
        rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, milliseconds);

    /// <summary>
    /// Sets the brokers' <c>group.consumer.session.timeout.ms</c> and
    /// <c>group.consumer.heartbeat.interval.ms</c> (KIP-848 groups); false when this librdkafka's
    /// mock cluster has no such setting (before 2.10).
    /// </summary>
    public static bool TrySetConsumerGroupTimeouts(IntPtr cluster, int sessionTimeoutMs, int heartbeatIntervalMs)
    {
        try
        {
            rd_kafka_mock_set_group_consumer_session_timeout_ms(cluster, sessionTimeoutMs);
            rd_kafka_mock_set_group_consumer_heartbeat_interval_ms(cluster, heartbeatIntervalMs);
            return true;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Destroys the client and with it the cluster.</summary>
    public static void Destroy(IntPtr client) => rd_kafka_destroy(client);

    /// <summary>
    /// Finds librdkafka the way Confluent.Kafka does on Linux: the default build first, then the
    /// package's builds with everything linked in (<c>centos8-</c> for glibc, <c>alpine-</c> for
    /// musl). The default build of librdkafka.redist links libsasl2.so.3, which distributions with
    /// Cyrus SASL 2.1.27 (Debian 12, Ubuntu 22.04) do not have; Confluent.Kafka's clients then run
    /// on the centos8 build, and so must the mock cluster's owner.
    /// </summary>
    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle))
        {
            return handle;
        }

        if (!OperatingSystem.IsLinux())
        {
            return IntPtr.Zero;
        }

        var rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        string[] folders = [AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native")];
        foreach (var file in new[] { "centos8-librdkafka.so", "alpine-librdkafka.so" })
        {
            foreach (var folder in folders)
            {
                var path = Path.Combine(folder, file);
                if (File.Exists(path) && NativeLibrary.TryLoad(path, out handle))
                {
                    return handle;
                }
            }
        }

        return IntPtr.Zero;
    }

    private static string Text(byte[] errors) => System.Text.Encoding.UTF8.GetString(errors).TrimEnd('\0');

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_conf_new();

    [DllImport(Library)]
    private static extern void rd_kafka_conf_destroy(IntPtr config);

    [DllImport(Library)]
    private static extern int rd_kafka_conf_set(IntPtr config, [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value, byte[] errors, UIntPtr errorsSize);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_new(int type, IntPtr config, byte[] errors, UIntPtr errorsSize);

    [DllImport(Library)]
    private static extern void rd_kafka_destroy(IntPtr client);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_handle_mock_cluster(IntPtr client);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [DllImport(Library)]
    private static extern int rd_kafka_mock_topic_create(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicas);

    [DllImport(Library)]
    private static extern int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [DllImport(Library)]
    private static extern int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);

    [DllImport(Library)]
    private static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);

    [DllImport(Library)]
    private static extern void rd_kafka_mock_set_group_consumer_session_timeout_ms(IntPtr cluster, int sessionTimeoutMs);

    [DllImport(Library)]
    private static extern void rd_kafka_mock_set_group_consumer_heartbeat_interval_ms(IntPtr cluster, int heartbeatIntervalMs);
}
