namespace OuraMcp.Testing;

/// <summary>Oura's own API description, from ../shared beside the repository.</summary>
public static class SpecFile
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "oura-api", "openapi-1.35.json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("openapi-1.35.json not found: the repository expects ../shared/oura-api beside it.");
    }
}
