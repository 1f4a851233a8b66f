using System.Globalization;
using System.Text;

namespace OuraMcp.History.Export;

/// <summary>Tables as RFC 4180 CSV files, one per table: a header row, invariant numbers, ISO dates and UTC instants.</summary>
internal static class CsvWriter
{
    public static async Task WriteFolderAsync(IReadOnlyList<ExportTable> tables, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        foreach (var table in tables)
        {
            var writer = new StreamWriter(Path.Combine(folder, table.Name + ".csv"), false, new UTF8Encoding(false));
            await using var writerDisposal = writer.ConfigureAwait(false);
            await writer.WriteLineAsync(string.Join(',', table.Columns.Select(c => Quote(c.Name)))).ConfigureAwait(false);
            for (var row = 0; row < table.RowCount; row++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(string.Join(',', table.Columns.Select(c => Quote(Format(c.Values[row]))))).ConfigureAwait(false);
            }
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
