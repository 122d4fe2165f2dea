using System.Diagnostics;

namespace Fault.Harness;

/// <summary>
/// One service process (<c>dotnet NAME.dll</c>) under a supervisor, as systemd or Kubernetes
/// would run it: whenever it exits, killed or on its own, it is started again with the same
/// settings. Its stdout and stderr are appended to <c>{name}.log</c> in the output folder, across
/// restarts, so its JSON log lines can be read afterwards.
/// </summary>
public sealed class SupervisedProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly HttpClient _health = new() { Timeout = TimeSpan.FromSeconds(2) };
    private Process? _process;
    private bool _stopping;

    /// <summary>Settings are configuration keys (<c>Relay:SlotName</c>); they reach the process as environment variables.</summary>
    public SupervisedProcess(string name, string dll, string healthUrl, IReadOnlyDictionary<string, string?> settings, string outputDirectory)
    {
        Name = name;
        _dll = dll;
        HealthUrl = healthUrl.TrimEnd('/');
        _settings = settings;
        _log = new StreamWriter(Path.Combine(outputDirectory, name + ".log"), append: true) { AutoFlush = true };
    }

    /// <summary>Name of the process (and of its log file).</summary>
    public string Name { get; }

    /// <summary>Base URL of its health endpoints.</summary>
    public string HealthUrl { get; }

    /// <summary>Path of its log file.</summary>
    public string LogFile => ((FileStream)_log.BaseStream).Name;

    /// <summary>Times it exited without being asked to stop (kills included).</summary>
    public int Exits { get; private set; }

    /// <summary>Starts the process.</summary>
    public void Start()
    {
        lock (_gate)
        {
            var psi = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.GetDirectoryName(_dll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(_dll);
            psi.Environment["ASPNETCORE_URLS"] = HealthUrl;
            foreach (var (key, value) in _settings)
            {
                psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => Write(e.Data);
            process.ErrorDataReceived += (_, e) => Write(e.Data);
            process.Exited += (_, _) => OnExited(process);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
        }
    }

    /// <summary>SIGKILL (Process.Kill on Linux): no shutdown code runs; the supervisor starts it again.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            _process?.Kill(entireProcessTree: false);
        }
    }

    /// <summary>True when <c>/health/ready</c> answers 200.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _health.GetAsync(HealthUrl + "/health/ready", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void OnExited(Process exited)
    {
        lock (_gate)
        {
            if (_stopping || !ReferenceEquals(exited, _process))
            {
                return;
            }

            Exits++;
            Write($"[supervisor] {Name} exited with {exited.ExitCode}; starting it again");
        }

        // The first restart is immediate, as a pod's first restart is.
        Start();
        exited.Dispose();
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }
    }

    /// <summary>Stops supervising and kills the process (the run is over; nothing needs a graceful stop).</summary>
    public async ValueTask DisposeAsync()
    {
        Process? process;
        lock (_gate)
        {
            _stopping = true;
            process = _process;
        }

        if (process is not null)
        {
            try
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        _health.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
