using OuraMcp.Server.Tools;

namespace OuraMcp.Server.Tests.Support;

/// <summary>The tools the code defines, counted from the tool classes, for tests that check every one is served.</summary>
public static class DefinedTools
{
    public static int Count { get; } = ToolCatalog.ToolTypes.Sum(t => ToolCatalog.ToolMethods(t).Count());
}
