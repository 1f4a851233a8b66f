using System.Globalization;
using System.Text.Json;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.History.Export;

/// <summary>The type a flattened column is exported as, inferred from every value it holds.</summary>
public enum ExportType
{
    Text,
    Integer,
    Real,
    Boolean,
    Date,
    Timestamp,
}

/// <summary>One column: its name (nested members joined by <c>_</c>), its type and one value per row (null where absent).</summary>
public sealed record ExportColumn(string Name, ExportType Type, IReadOnlyList<object?> Values);

/// <summary>
/// One collection as a table: each document flattened (nested objects become <c>parent_child</c> columns; arrays,
/// such as the 5-minute samples, stay JSON text), every column typed by what all its values are.
/// </summary>
public sealed record ExportTable(string Name, OuraCollection Collection, IReadOnlyList<ExportColumn> Columns, int RowCount)
{
    /// <summary>The table of <paramref name="documents"/>; the name is the collection's, in lower case (<c>vo2_max</c>).</summary>
    public static ExportTable From(OuraCollection collection, IReadOnlyList<HistoryDocument> documents)
    {
        var rows = documents.Select(d =>
        {
            using var json = JsonDocument.Parse(d.Json);
            var row = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            Flatten(json.RootElement, "", row);
            return row;
        }).ToList();

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in rows.SelectMany(r => r.Keys)) if (seen.Add(name)) names.Add(name);

        var columns = names.Select(name =>
        {
            var values = rows.Select(r => r.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : (JsonElement?)null).ToList();
            var type = Infer(values.OfType<JsonElement>().ToList());
            return new ExportColumn(name, type, values.Select(v => v is { } value ? Convert(value, type) : null).ToList());
        }).ToList();
        return new ExportTable(collection.Name.ToLowerInvariant(), collection, columns, rows.Count);
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, JsonElement> row)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in element.EnumerateObject())
                Flatten(member.Value, prefix.Length == 0 ? member.Name : $"{prefix}_{member.Name}", row);
        }
        else
        {
            row[prefix] = element.Clone();
        }
    }

    private static ExportType Infer(IReadOnlyList<JsonElement> values)
    {
        if (values.Count == 0) return ExportType.Text;
        if (values.All(v => v.ValueKind is JsonValueKind.True or JsonValueKind.False)) return ExportType.Boolean;
        if (values.All(v => v.ValueKind == JsonValueKind.Number))
            return values.All(v => v.TryGetInt64(out _)) ? ExportType.Integer : ExportType.Real;
        if (values.All(v => v.ValueKind == JsonValueKind.String))
        {
            if (values.All(v => IsDate(v.GetString()!))) return ExportType.Date;
            if (values.All(v => IsTimestamp(v.GetString()!))) return ExportType.Timestamp;
        }
        return ExportType.Text;
    }

    private static object Convert(JsonElement value, ExportType type) => type switch
    {
        ExportType.Boolean => value.GetBoolean(),
        ExportType.Integer => value.GetInt64(),
        ExportType.Real => value.GetDouble(),
        ExportType.Date => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        // Instants in UTC: one column holds instants from several offsets (daylight saving); the raw JSON keeps the local offset.
        ExportType.Timestamp => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture).UtcDateTime,
        _ => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(),
    };

    private static bool IsDate(string text) => text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsTimestamp(string text) =>
        text.Length >= 19 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
