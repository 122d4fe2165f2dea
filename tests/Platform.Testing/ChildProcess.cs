using System.Diagnostics;

namespace Platform.Testing;

/// <summary>Runs a program to its exit with its output captured, as a test that checks what an operator would see.</summary>
public static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="start"/> (its output redirected here) and waits for it to exit;
    /// returns its exit code, stdout and stderr. When it has not exited within
    /// <paramref name="timeout"/> it is killed with its children and a <see cref="TimeoutException"/>
    /// carries what it wrote.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not exit within {timeout.TotalSeconds:0} s; it wrote:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
