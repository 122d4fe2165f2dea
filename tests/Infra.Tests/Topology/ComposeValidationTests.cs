using System.Diagnostics;

namespace Infra.Tests.Topology;

/// <summary>
/// infra/compose.yaml as Compose itself reads it: Debian's docker-compose (installed by .ci/run)
/// resolves and validates the file, its profiles and the variables of infra/.env.example, without
/// a container engine. Says nothing about whether the images start.
/// </summary>
public class ComposeValidationTests
{
    [Test]
    public async Task docker_compose_accepts_the_compose_file_with_the_example_environment()
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("docker-compose") { WorkingDirectory = root };
        foreach (var argument in new[] { "-f", Path.Combine(root, "infra", "compose.yaml"), "--env-file", Path.Combine(root, "infra", ".env.example"), "config", "-q" })
        {
            start.ArgumentList.Add(argument);
        }

        Assert.That(File.Exists("/usr/bin/docker-compose"), "docker-compose is not installed: apt-get install docker-compose (.ci/run does)");
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));
        Assert.That(exitCode, Is.Zero, stdout + stderr);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Platform.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
