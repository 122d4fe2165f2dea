namespace Cli.Tests;

/// <summary>A fresh temp copy of the sample connector files (Samples/*.json) for one test.</summary>
public sealed class SampleConnectors : IDisposable
{
    public SampleConnectors()
    {
        Directory.CreateDirectory(Dir);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.json"))
        {
            File.Copy(file, Path.Combine(Dir, Path.GetFileName(file)));
        }
    }

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "connectors-" + Guid.NewGuid().ToString("N"));

    public void Write(string fileName, string content) => File.WriteAllText(Path.Combine(Dir, fileName), content);

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
