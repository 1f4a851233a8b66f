using Parquet;
using Parquet.Schema;

namespace OuraMcp.History.Export;

/// <summary>Tables as Parquet files, one per table, with typed (nullable) columns.</summary>
internal static class ParquetTableWriter
{
    public static async Task WriteFolderAsync(IReadOnlyList<ExportTable> tables, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        foreach (var table in tables)
            await WriteAsync(table, Path.Combine(folder, table.Name + ".parquet"), cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteAsync(ExportTable table, string path, CancellationToken cancellationToken)
    {
        var fields = table.Columns.Select(Field).ToArray();
        var stream = File.Create(path);
        await using var streamDisposal = stream.ConfigureAwait(false);
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var writerDisposal = writer.ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < fields.Length; i++)
            await WriteColumnAsync(group, fields[i], table.Columns[i], cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, ExportColumn column, CancellationToken ct) => column.Type switch
    {
        ExportType.Integer => group.WriteAsync<long>(field, Nullable<long>(column), cancellationToken: ct),
        ExportType.Real => group.WriteAsync<double>(field, Nullable<double>(column), cancellationToken: ct),
        ExportType.Boolean => group.WriteAsync<bool>(field, Nullable<bool>(column), cancellationToken: ct),
        ExportType.Date => group.WriteAsync<DateOnly>(field, Nullable<DateOnly>(column), cancellationToken: ct),
        ExportType.Timestamp => group.WriteAsync<DateTime>(field, Nullable<DateTime>(column), cancellationToken: ct),
        _ => group.WriteAsync(field, column.Values.Select(v => (string?)v).ToArray()!),
    };

    private static ReadOnlyMemory<T?> Nullable<T>(ExportColumn column) where T : struct => column.Values.Select(v => (T?)v).ToArray();

    private static DataField Field(ExportColumn column) => column.Type switch
    {
        ExportType.Integer => new DataField<long?>(column.Name),
        ExportType.Real => new DataField<double?>(column.Name),
        ExportType.Boolean => new DataField<bool?>(column.Name),
        ExportType.Date => new DataField<DateOnly?>(column.Name),
        ExportType.Timestamp => new DataField<DateTime?>(column.Name),
        _ => new DataField<string>(column.Name),
    };
}
