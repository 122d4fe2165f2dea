namespace Fault.Harness;

/// <summary>Where the services' built executables are.</summary>
public static class ServiceBuild
{
    /// <summary>
    /// The repository's <c>services</c> folder, found above the harness's own build output; the
    /// services are taken from the same configuration (Release, Debug) as the harness.
    /// </summary>
    public static string FindServicesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return Path.Combine(dir.FullName, "services");
            }
        }

        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory + "; pass --services DIR.");
    }

    /// <summary>The built DLL of <paramref name="project"/>; throws naming the build command when it is missing.</summary>
    public static string Dll(string servicesDirectory, string project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Release";
        var dll = Path.Combine(servicesDirectory, project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build the solution first (./build.sh build).", dll);
    }
}
