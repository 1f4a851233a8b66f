using System.Reflection;
using OuraMcp.Server.Tools;

namespace OuraMcp.Server.Tests.Support;

/// <summary>The tools the code defines, counted from the tool classes, for tests that check every one is served.</summary>
public static class DefinedTools
{
    /// <summary>Every tool served without the Oura app's credentials: all but the webhooks toolset.</summary>
    public static int Count { get; } = ToolCatalog.ToolTypes
        .Where(t => t.Type.GetCustomAttribute<ToolsetAttribute>()?.Name != Toolsets.Webhooks)
        .Sum(t => ToolCatalog.ToolMethods(t.Type).Count());

    /// <summary>The webhooks toolset's tools (served with the app's credentials).</summary>
    public static int Webhooks { get; } = ToolCatalog.ToolMethods(typeof(WebhookTools)).Count();
}
