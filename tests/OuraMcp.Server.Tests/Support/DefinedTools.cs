using System.Reflection;
using ModelContextProtocol.Server;
using OuraMcp.Server.Tools;

namespace OuraMcp.Server.Tests.Support;

/// <summary>The tools the code defines, counted from the tool classes, for tests that check every one is served.</summary>
public static class DefinedTools
{
    public static int Count { get; } = ToolCatalog.ToolTypes
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance))
        .Count(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null);
}
