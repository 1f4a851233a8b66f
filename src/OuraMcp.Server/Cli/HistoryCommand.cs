using System.Globalization;
using OuraMcp.History.Export;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.Server.Cli;

/// <summary>The options of <c>sync</c> (<c>--since</c>, <c>--collections</c>) and <c>export</c> (<c>--format</c>, <c>--out</c>).</summary>
public sealed record HistoryCommand
{
    public DateOnly? Since { get; init; }

    public IReadOnlyList<OuraCollection>? Collections { get; init; }

    public ExportFormat Format { get; init; } = ExportFormat.DuckDb;

    public string? Out { get; init; }

    internal static DateOnly ParseDay(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UsageException($"--since takes a day as yyyy-MM-dd, not '{text}'.");

    internal static IReadOnlyList<OuraCollection> ParseCollections(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => OuraCatalog.Find(n) is null).ToList();
        if (unknown.Count > 0 || names.Length == 0)
        {
            throw new UsageException(
                $"Unknown collection{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown)}. Collections: {string.Join(", ", OuraCatalog.All.Select(c => c.Name))}.");
        }
        return names.Select(n => OuraCatalog.Find(n)!).Distinct().ToList();
    }

    internal static ExportFormat ParseFormat(string text)
    {
        try { return HistoryExport.ParseFormat(text); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }
}
