namespace OuraMcp.Server.Tests.Support;

/// <summary>Where the repository's files are, found from the test binaries, and the snapshot update switch.</summary>
public static class RepositoryPaths
{
    /// <summary>Set UPDATE_TOOLSNAPS=1 to rewrite tool snapshots and the generated docs table instead of failing.</summary>
    public static bool Update => Environment.GetEnvironmentVariable("UPDATE_TOOLSNAPS") == "1";

    public static string Root { get; } = FindRoot();

    public static string TestProject => Path.Combine(Root, "tests", "OuraMcp.Server.Tests");

    public static string Snapshots => Path.Combine(TestProject, "__toolsnaps__");

    public static string ToolsDoc => Path.Combine(Root, "README.md");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OuraMcp.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("OuraMcp.sln not found above " + AppContext.BaseDirectory);
    }
}
