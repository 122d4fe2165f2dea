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

    /// <summary>
    /// The DLL of <paramref name="project"/>: published (<c>DIR/PROJECT/PROJECT.dll</c>, as
    /// <c>./build.sh publish</c> lays it out, ReadyToRun) when there is one, else built
    /// (<c>DIR/PROJECT/bin/CONFIGURATION/net10.0</c>); throws naming the build command when neither exists.
    /// </summary>
    public static string Dll(string servicesDirectory, string project)
    {
        // Absolute: each process runs in its DLL's folder.
        servicesDirectory = Path.GetFullPath(servicesDirectory);
        var published = Path.Combine(servicesDirectory, project, project + ".dll");
        if (File.Exists(published))
        {
            return published;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Release";
        var dll = Path.Combine(servicesDirectory, project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build the solution first (./build.sh build).", dll);
    }
}
