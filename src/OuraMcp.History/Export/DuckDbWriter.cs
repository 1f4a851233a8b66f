using DuckDB.NET.Data;

namespace OuraMcp.History.Export;

/// <summary>
/// Tables into one DuckDB database file. Each table goes through a Parquet file that DuckDB reads itself
/// (<c>read_parquet</c>): its typed columns arrive as DuckDB types, and the rows load in bulk.
/// </summary>
internal static class DuckDbWriter
{
    public static async Task WriteAsync(IReadOnlyList<ExportTable> tables, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A new database each time: an export is a snapshot, not a merge into an older one.
        File.Delete(path);
        File.Delete(path + ".wal");
        var staging = Directory.CreateTempSubdirectory("oura-export-");
        try
        {
            var connection = new DuckDBConnection($"Data Source={path}");
            await using var connectionDisposal = connection.ConfigureAwait(false);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var table in tables)
            {
                var parquet = Path.Combine(staging.FullName, table.Name + ".parquet");
                await ParquetTableWriter.WriteAsync(table, parquet, cancellationToken).ConfigureAwait(false);
                var command = connection.CreateCommand();
                await using var commandDisposal = command.ConfigureAwait(false);
                // Names come from the catalog (letters, digits, underscores) and the path from a temporary folder.
                command.CommandText = $"CREATE TABLE \"{table.Name}\" AS SELECT * FROM read_parquet('{parquet.Replace("'", "''", StringComparison.Ordinal)}')";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }
}
