namespace Platform.Cli.Commands.Connectors;

/// <summary>A problem with the operator's input (file, JSON, URL): exit code 2, never a stack trace.</summary>
internal sealed class BadInputException(string message) : Exception(message);
