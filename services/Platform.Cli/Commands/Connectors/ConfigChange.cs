namespace Platform.Cli.Commands.Connectors;

/// <summary>One changed config key between the running connector and its file: + added, ~ changed, - removed.</summary>
internal sealed record ConfigChange(char Sign, string Key, string? Before, string? After);
