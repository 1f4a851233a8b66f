using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.History.Export;

/// <summary>The formats <c>export</c> writes.</summary>
public enum ExportFormat
{
    DuckDb,
    Parquet,
    Csv,
    Jsonl,
}

/// <summary>What an export wrote: per table, its rows.</summary>
public sealed record ExportReport(string Path, IReadOnlyDictionary<string, int> Rows);

/// <summary>
/// Writes a person's history as one table per collection: a DuckDB database (one file), or a folder of Parquet, CSV or
/// JSON Lines files (one per collection). JSON Lines keeps each raw document as Oura sent it; the others flatten.
/// Collections without documents get no table.
/// </summary>
public static class HistoryExport
{
    public static ExportFormat ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "duckdb" => ExportFormat.DuckDb,
        "parquet" => ExportFormat.Parquet,
        "csv" => ExportFormat.Csv,
        "jsonl" => ExportFormat.Jsonl,
        _ => throw new ArgumentException($"Unknown export format '{text}'. Formats: duckdb (the default), parquet, csv, jsonl."),
    };

    /// <summary>Where an export goes when no path is given, in the current folder.</summary>
    public static string DefaultPath(ExportFormat format) => format == ExportFormat.DuckDb ? "oura-history.duckdb" : $"oura-history-{format.ToString().ToLowerInvariant()}";

    public static async Task<ExportReport> WriteAsync(IHistoryStore store, string person, ExportFormat format, string path, CancellationToken cancellationToken)
    {
        path = Path.GetFullPath(path);
        var rows = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var tables = new List<ExportTable>();
        var raw = new List<(OuraCollection Collection, IReadOnlyList<HistoryDocument> Documents)>();
        foreach (var collection in OuraCatalog.All)
        {
            var documents = await store.ReadAsync(person, collection, null, null, cancellationToken).ConfigureAwait(false);
            if (documents.Count == 0) continue;
            rows[collection.Name.ToLowerInvariant()] = documents.Count;
            if (format == ExportFormat.Jsonl) raw.Add((collection, documents));
            else tables.Add(ExportTable.From(collection, documents));
        }

        switch (format)
        {
            case ExportFormat.DuckDb: await DuckDbWriter.WriteAsync(tables, path, cancellationToken).ConfigureAwait(false); break;
            case ExportFormat.Parquet: await ParquetTableWriter.WriteFolderAsync(tables, path, cancellationToken).ConfigureAwait(false); break;
            case ExportFormat.Csv: await CsvWriter.WriteFolderAsync(tables, path, cancellationToken).ConfigureAwait(false); break;
            default: await JsonLinesWriter.WriteFolderAsync(raw, path, cancellationToken).ConfigureAwait(false); break;
        }
        return new ExportReport(path, rows);
    }
}
