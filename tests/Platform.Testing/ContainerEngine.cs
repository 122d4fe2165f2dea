using DotNet.Testcontainers.Configurations;

namespace Platform.Testing;

/// <summary>Whether a container engine answers here, as Testcontainers itself detects it.</summary>
public static class ContainerEngine
{
    /// <summary>
    /// True when Testcontainers found an engine endpoint that answered (DOCKER_HOST, its
    /// properties file, the Docker or Podman sockets); false when none did.
    /// </summary>
    public static bool Answers()
    {
        try
        {
            return TestcontainersSettings.OS.DockerEndpointAuthConfig is not null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TypeInitializationException)
        {
            return false;
        }
    }
}
