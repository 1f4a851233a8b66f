using System.Text;
using ModelContextProtocol.Server;
using OuraMcp.Server.Tools;

namespace OuraMcp.Server.Cli;

/// <summary>The tool list as text lines or as the Markdown table the docs carry, generated from the tool definitions.</summary>
public static class ToolTable
{
    public const string StartMarker = "<!-- tools:start -->";
    public const string EndMarker = "<!-- tools:end -->";

    public static IEnumerable<McpServerTool> Ordered(IEnumerable<McpServerTool> tools)
    {
        var order = Toolsets.All.Select(t => t.Name).ToList();
        return tools.OrderBy(t => order.IndexOf(ToolSelection.ToolsetOf(t) ?? "")).ThenBy(t => t.ProtocolTool.Name, StringComparer.Ordinal);
    }

    public static string Lines(IEnumerable<McpServerTool> tools)
    {
        var text = new StringBuilder();
        foreach (var tool in Ordered(tools))
        {
            text.Append(tool.ProtocolTool.Name).Append('\t').Append(ToolSelection.ToolsetOf(tool)).Append('\t').Append(tool.ProtocolTool.Title).Append('\n');
        }

        return text.ToString();
    }

    public static string Markdown(IEnumerable<McpServerTool> tools)
    {
        var text = new StringBuilder();
        text.Append("| Toolset | Tool | What it answers |\n|---|---|---|\n");
        foreach (var tool in Ordered(tools))
        {
            text.Append("| `").Append(ToolSelection.ToolsetOf(tool)).Append("` | `").Append(tool.ProtocolTool.Name).Append("` | ")
                .Append(FirstSentence(tool.ProtocolTool.Description ?? "").Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>Replaces what lies between the markers in <paramref name="document"/> with the table.</summary>
    public static string Splice(string document, string table)
    {
        var start = document.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = document.IndexOf(EndMarker, StringComparison.Ordinal);
        if (start < 0 || end < start) throw new InvalidOperationException($"The document has no {StartMarker} ... {EndMarker} markers.");
        return document[..(start + StartMarker.Length)] + "\n" + table + document[end..];
    }

    private static string FirstSentence(string description)
    {
        for (var stop = description.IndexOf(". ", StringComparison.Ordinal); stop >= 0; stop = description.IndexOf(". ", stop + 1, StringComparison.Ordinal))
        {
            // "e.g. " and "i.e. " do not end a sentence.
            if (stop >= 3 && description.AsSpan(stop - 3, 3) is "e.g" or "i.e") continue;
            return description[..(stop + 1)].Trim();
        }

        return description.Trim();
    }
}
