using System.Collections.Concurrent;
using System.Diagnostics;

namespace Relay.Tests;

/// <summary>
/// The relay as its own OS process (<c>dotnet services/Platform.Relay/bin/&lt;config&gt;/net10.0/Platform.Relay.dll</c>),
/// configured through environment variables, so a test can SIGKILL it.
/// </summary>
internal sealed class RelayProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private RelayProcess(IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(DllPath());
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Its health endpoints on a port of its own: tests run several relay processes at once.
        HealthUrl = $"http://127.0.0.1:{Platform.Local.FreePort.Next()}";
        start.Environment["ASPNETCORE_URLS"] = HealthUrl;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Base URL of the process's <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public string HealthUrl { get; }

    public string Output => string.Join(Environment.NewLine, _output);

    public static RelayProcess Start(IReadOnlyDictionary<string, string?> settings) => new(settings);

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed or confirmed.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false); // SIGKILL on Unix
            _process.WaitForExit();
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }

    // The test assembly sits in tests/Relay.Tests/bin/<config>/net10.0/; the relay's own build
    // output (built through the project reference) is beside it under services/.
    private static string DllPath()
    {
        var binDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = binDir.Parent!.Name;
        var root = binDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Platform.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Platform.sln not found above " + binDir),
            "services", "Platform.Relay", "bin", configuration, binDir.Name, "Platform.Relay.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build services/Platform.Relay first.", dll);
    }
}
