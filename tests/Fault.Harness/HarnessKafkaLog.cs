using Confluent.Kafka;

namespace Fault.Harness;

/// <summary>
/// Where the harness's own Kafka clients (the delivery tap, the probe watch, the ledger's counts)
/// log: <c>harness-kafka.log</c> in the output folder, beside the processes' logs. Every injected
/// outage makes them log connection failures and timed-out requests, which on the console would
/// bury the run's progress lines.
/// </summary>
public static class HarnessKafkaLog
{
    private static readonly Lock Gate = new();
    private static string? _file;

    /// <summary>Sends the logs to <paramref name="outputDirectory"/> from now on.</summary>
    public static void WriteTo(string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        lock (Gate)
        {
            _file = Path.Combine(outputDirectory, "harness-kafka.log");
        }
    }

    /// <summary>A log handler for any client builder's <c>SetLogHandler</c>.</summary>
    public static void Write<TClient>(TClient client, LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (Gate)
        {
            try
            {
                if (_file is not null)
                {
                    File.AppendAllText(_file, $"{DateTime.UtcNow:O} {message.Level} {message.Name} {message.Facility}: {message.Message}{Environment.NewLine}");
                }
            }
            catch (IOException)
            {
                // A log line is not worth stopping a client's thread for.
            }
        }
    }
}
