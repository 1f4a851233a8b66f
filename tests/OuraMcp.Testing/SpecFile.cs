namespace OuraMcp.Testing;

/// <summary>Oura's own API description, vendored in the repository under <c>contracts/oura</c>.</summary>
public static class SpecFile
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "contracts", "oura", "openapi-1.35.json");
            if (File.Exists(candidate) && File.Exists(System.IO.Path.Combine(dir.FullName, "OuraMcp.sln"))) return candidate;
        }
        throw new FileNotFoundException("contracts/oura/openapi-1.35.json not found above the test's output folder.");
    }
}
