using System.Globalization;
using Npgsql;

namespace Platform.Local;

/// <summary>
/// A PostgreSQL cluster on 127.0.0.1 run from the machine's server binaries, with
/// <c>wal_level=logical</c> so the CDC relay can stream from it. PostgreSQL refuses to run as
/// root, so when we are root the cluster runs as the <c>postgres</c> OS user.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string OsUser = "postgres";
    private const string ThrowawayPrefix = "platform-pg-";
    private const string OwnerFile = "owner.pid";
    private readonly string _binDir;
    private readonly string _dataDir;
    private readonly bool _throwaway;
    private readonly string? _runAs;

    private LocalPostgresCluster(string binDir, string dataDir, bool throwaway, int port)
    {
        _binDir = binDir;
        _dataDir = dataDir;
        _throwaway = throwaway;
        Port = port;
        _runAs = Environment.UserName == "root" ? OsUser : null;
    }

    /// <summary>Port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Superuser connection string for the <c>postgres</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={OsUser};Database=postgres;Pooling=true";

    /// <summary>Initialises the data folder when it is new, starts the server and waits until it accepts connections.</summary>
    public static async Task<LocalPostgresCluster> StartAsync(LocalPostgresOptions options, CancellationToken cancellationToken)
    {
        var binDir = PostgresBinaries.Find()
            ?? throw new InvalidOperationException($"PostgreSQL server binaries not found: {PostgresBinaries.InstallHint}.");
        var throwaway = options.DataDirectory is null;
        var dataDir = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), ThrowawayPrefix + Guid.NewGuid().ToString("N")[..12]);
        var port = options.Port == 0 ? FreePort.Next() : options.Port;
        var cluster = new LocalPostgresCluster(binDir, Path.GetFullPath(dataDir), throwaway, port);
        try
        {
            await cluster.InitAsync(cancellationToken);
            if (throwaway)
            {
                await File.WriteAllTextAsync(Path.Combine(cluster._dataDir, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken);
            }

            await cluster.StartServerAsync(options, cancellationToken);
            await cluster.WaitReadyAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(_dataDir, "PG_VERSION")))
        {
            return;
        }

        Directory.CreateDirectory(_dataDir);
        await HandToServerUserAsync(_dataDir, cancellationToken);
        await ProcessRunner.RunAsync(Path.Combine(_binDir, "initdb"),
            ["-D", _dataDir, "-U", OsUser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"],
            _runAs, cancellationToken);
    }

    private async Task StartServerAsync(LocalPostgresOptions options, CancellationToken cancellationToken)
    {
        var settings = new List<string>
        {
            $"-p {Port}",
            "-c listen_addresses=127.0.0.1",
            $"-c unix_socket_directories='{_dataDir}'",
        };
        settings.AddRange(options.ServerSettings().Select(setting => $"-c {setting.Name}={setting.Value}"));

        var logFile = Path.Combine(_dataDir, "server.log");
        await ProcessRunner.RunAsync(Path.Combine(_binDir, "pg_ctl"),
            ["-D", _dataDir, "-l", logFile, "-o", string.Join(' ', settings), "-w", "-t", "60", "start"],
            _runAs, cancellationToken);
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
                await connection.OpenAsync(timeout.Token);
                return;
            }
            catch (NpgsqlException) when (!timeout.IsCancellationRequested)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }

    /// <summary>
    /// Crashes the server and starts it again (<c>pg_ctl restart -m immediate</c>, with the
    /// settings it was started with): every backend dies without a checkpoint, so the restart
    /// runs crash recovery from the WAL, as after a power cut of the server process. Returns
    /// once it accepts connections again. Committed transactions survive; open ones are gone.
    /// </summary>
    public async Task RestartImmediateAsync(CancellationToken cancellationToken)
    {
        await ProcessRunner.RunAsync(Path.Combine(_binDir, "pg_ctl"),
            ["-D", _dataDir, "-l", Path.Combine(_dataDir, "server.log"), "-m", "immediate", "-w", "-t", "60", "restart"],
            _runAs, cancellationToken);
        await WaitReadyAsync(cancellationToken);
    }

    private async Task HandToServerUserAsync(string path, CancellationToken cancellationToken)
    {
        if (_runAs is null || OperatingSystem.IsWindows())
        {
            return;
        }

        await ProcessRunner.RunAsync("chown", ["-R", _runAs + ":" + _runAs, path], null, cancellationToken);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// Stops and deletes throwaway clusters whose owning process is gone (a test run that was
    /// killed never reached its clean-up); returns how many.
    /// </summary>
    public static async Task<int> StopOrphansAsync(CancellationToken cancellationToken)
    {
        var binDir = PostgresBinaries.Find();
        if (binDir is null)
        {
            return 0;
        }

        var stopped = 0;
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), ThrowawayPrefix + "*"))
        {
            var owner = Path.Combine(dir, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(await File.ReadAllTextAsync(owner, cancellationToken), out var pid) || IsAlive(pid))
            {
                continue;
            }

            var orphan = new LocalPostgresCluster(binDir, dir, throwaway: true, port: 0);
            await orphan.DisposeAsync();
            stopped++;
        }

        return stopped;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Stops the server (fast shutdown); a throwaway cluster's folder is deleted.</summary>
    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(_dataDir, "postmaster.pid")))
        {
            try
            {
                await ProcessRunner.RunAsync(Path.Combine(_binDir, "pg_ctl"),
                    ["-D", _dataDir, "-m", _throwaway ? "immediate" : "fast", "-w", "-t", "60", "stop"], _runAs, CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Already stopped; nothing to release.
            }
        }

        if (_throwaway && Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PostgreSQL on 127.0.0.1:{Port} ({_dataDir})");
}
