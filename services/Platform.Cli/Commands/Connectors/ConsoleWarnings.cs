using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Platform.Cli.Commands.Connectors;

/// <summary>
/// Shows a library's warnings (e.g. "Kafka Connect answered 409 ..., retry 2 of 5 in 1s") on the
/// error console, so an operator sees why a command takes longer; lower levels are dropped.
/// </summary>
internal sealed class ConsoleWarnings<T>(IAnsiConsole errors) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            errors.MarkupLine($"[yellow]{Markup.Escape(formatter(state, exception))}[/]");
        }
    }
}
