using System.Diagnostics;
using System.Text.Json.Nodes;
using OuraMcp.Testing;

namespace OuraMcp.FakeOura.Tests.Support;

/// <summary>Runs tests/tools/validate-oura.mjs (Ajv, JSON Schema 2020-12) over instances against openapi-1.35.json.</summary>
internal static class OuraSchemaValidator
{
    /// <summary>Validates every instance; members the spec does not declare count as errors.</summary>
    public static (int ExitCode, string Output) Validate(JsonArray instances)
    {
        var file = Path.Combine(Path.GetTempPath(), $"oura-instances-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, instances.ToJsonString());
        try
        {
            var start = new ProcessStartInfo(NodeTooling.Node ?? "node")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList = { Path.Combine(NodeTooling.ToolsDirectory, "validate-oura.mjs"), SpecFile.Path, file, "--no-extra-members" },
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(120_000)) throw new TimeoutException("the schema validator did not finish in 2 minutes");
            return (process.ExitCode, stdout + stderr.Result);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
