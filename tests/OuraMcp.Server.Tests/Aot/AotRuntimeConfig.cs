using System.Text.Json.Nodes;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Aot;

/// <summary>
/// A copy of the built server's runtimeconfig.json with the feature switches the Native AOT publish
/// (<c>-p:OuraAot=true</c>) fixes, so the JIT build runs the way the native one does wherever a switch, not the
/// compiler, decides. What the compiler alone removes (members no code names, generic code over value types it never
/// saw) is beyond a runtime switch; the AOT publish itself finds those (docs/performance-server.md, Native AOT).
/// </summary>
internal static class AotRuntimeConfig
{
    /// <summary>
    /// The switches PublishAot and PublishTrimmed set that change what the server does at run time (Microsoft.NET.ILLink.targets,
    /// Microsoft.NETCore.Native.targets in the SDK's ILCompiler package), and the server's own (OuraMcp.Server.csproj).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, bool> Switches = new Dictionary<string, bool>
    {
        // JsonSerializer without a JsonTypeInfo, or options whose resolver lacks a type, throws instead of reflecting.
        ["System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault"] = false,
        // No Reflection.Emit: System.Text.Json, DI and LINQ expressions take their reflection-only paths, as native code must.
        ["System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported"] = false,
        ["System.Linq.Expressions.CanEmitObjectArrayDelegate"] = false,
        // DI checks that an open generic service can be made for the closed type asked for without trimmed members.
        ["Microsoft.Extensions.DependencyInjection.VerifyOpenGenericServiceTrimmability"] = true,
        ["System.ComponentModel.DefaultValueAttribute.IsSupported"] = false,
        ["System.Resources.ResourceManager.AllowCustomResourceTypes"] = false,
        ["System.StartupHookProvider.IsSupported"] = false,
        ["System.Diagnostics.Tracing.EventSource.IsSupported"] = false,
        ["System.Linq.Enumerable.IsSizeOptimized"] = true,
        // The HTTP mode is not in the AOT build (Aot/HostedMode.cs).
        ["OuraMcp.HostedMode.IsSupported"] = false,
    };

    /// <summary>The copy, for <c>dotnet exec --runtimeconfig</c>: written once per test run, into a temporary folder.</summary>
    public static string Path { get; } = Write();

    private static string Write()
    {
        var built = System.IO.Path.ChangeExtension(ServerProcess.Dll, ".runtimeconfig.json");
        var config = JsonNode.Parse(File.ReadAllText(built))!;
        var properties = config["runtimeOptions"]!["configProperties"] ??= new JsonObject();
        foreach (var (name, value) in Switches) properties[name] = value;
        var path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("oura-mcp-aot-").FullName, "OuraMcp.Server.runtimeconfig.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }
}
