using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OuraMcp.Server.Answers;

/// <summary>One value of a flattened row: its dotted column name, its JSON value, and how the text twin writes it.</summary>
public readonly record struct FlatCell(string Name, JsonElement Value, string Text);

/// <summary>One compact row flattened for the table: its values by dotted column name, in the order they were written.</summary>
/// <remarks>Nested objects flatten into dotted names (<c>main.bedtime</c>, <c>contributors.deep_sleep</c>); arrays and
/// other values stay whole in one cell. Null values are left out, so a column no row fills never appears.</remarks>
public sealed class FlatRow
{
    private FlatRow(List<FlatCell> cells)
    {
        Cells = cells;
        Cost = cells.Sum(c => c.Value.GetRawText().Length + c.Text.Length + 2) + 4;
    }

    public IReadOnlyList<FlatCell> Cells { get; }

    /// <summary>Characters this row adds to the answer: its values in the structured rows and in the text table.</summary>
    public int Cost { get; }

    public static FlatRow From(JsonElement row)
    {
        var cells = new List<FlatCell>();
        Flatten(row, "", cells);
        return new FlatRow(cells);
    }

    private static void Flatten(JsonElement value, string prefix, List<FlatCell> cells)
    {
        foreach (var member in value.EnumerateObject())
        {
            var name = prefix + member.Name;
            switch (member.Value.ValueKind)
            {
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    break;
                case JsonValueKind.Object:
                    Flatten(member.Value, name + ".", cells);
                    break;
                default:
                    cells.Add(new(name, member.Value, TextRendering.Cell(name, member.Value)));
                    break;
            }
        }
    }
}

/// <summary>
/// The rows of one answer as a table: the columns its rows fill, in the order the row record declares them, and
/// each row's values in that order (null where a row has none). The structured answer and the text twin both come
/// from it, so they always carry the same columns.
/// </summary>
public sealed class AnswerTable
{
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement;

    private readonly IReadOnlyList<string[]> _texts;

    private AnswerTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<JsonElement>> rows, IReadOnlyList<string[]> texts)
    {
        Columns = columns;
        Rows = rows;
        _texts = texts;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<IReadOnlyList<JsonElement>> Rows { get; }

    /// <summary>The table of <paramref name="rows"/>, its columns in the order <paramref name="rowType"/> declares them.</summary>
    public static AnswerTable From(IReadOnlyList<FlatRow> rows, Type rowType)
    {
        var order = ColumnOrder.Of(rowType);
        var columns = rows.SelectMany(r => r.Cells.Select(c => c.Name)).Distinct(StringComparer.Ordinal)
            .OrderBy(order.Position).ThenBy(name => name, StringComparer.Ordinal)
            .ToList();
        var index = columns.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        var values = new List<IReadOnlyList<JsonElement>>(rows.Count);
        var texts = new List<string[]>(rows.Count);
        foreach (var row in rows)
        {
            var rowValues = Enumerable.Repeat(Null, columns.Count).ToArray();
            var rowTexts = Enumerable.Repeat("", columns.Count).ToArray();
            foreach (var cell in row.Cells)
            {
                rowValues[index[cell.Name]] = cell.Value;
                rowTexts[index[cell.Name]] = cell.Text;
            }

            values.Add(rowValues);
            texts.Add(rowTexts);
        }

        return new AnswerTable(columns, values, texts);
    }

    /// <summary>The text twin: a CSV header of the columns, then one line per row.</summary>
    public IEnumerable<string> TextLines()
    {
        yield return string.Join(',', Columns.Select(TextRendering.Header));
        foreach (var row in _texts) yield return string.Join(',', row);
    }
}

/// <summary>
/// Where each column of a row record stands: its members in declaration order, nested records' members in their
/// place, a map's entries (score contributors) in its place sorted by name. Read from the serializer's metadata, the
/// same one that writes the rows, so names and order cannot drift from what is sent.
/// </summary>
internal sealed class ColumnOrder
{
    private static readonly ConcurrentDictionary<Type, ColumnOrder> Cache = new();

    private readonly Dictionary<string, int> _members = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, int Position)> _maps = [];

    public static ColumnOrder Of(Type rowType) => Cache.GetOrAdd(rowType, type =>
    {
        var order = new ColumnOrder();
        order.Add(ServerJson.Options.GetTypeInfo(type), "");
        return order;
    });

    /// <summary>The column's place; one the record does not declare goes last.</summary>
    public int Position(string column)
    {
        if (_members.TryGetValue(column, out var position)) return position;
        foreach (var (prefix, at) in _maps) if (column.StartsWith(prefix, StringComparison.Ordinal)) return at;
        return int.MaxValue;
    }

    private void Add(JsonTypeInfo type, string prefix)
    {
        foreach (var property in type.Properties)
        {
            var name = prefix + property.Name;
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var info = ServerJson.Options.GetTypeInfo(valueType);
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object when info.Properties.Count > 0:
                    Add(info, name + ".");
                    break;
                case JsonTypeInfoKind.Dictionary:
                    _maps.Add((name + ".", _members.Count + _maps.Count));
                    break;
                default:
                    _members[name] = _members.Count + _maps.Count;
                    break;
            }
        }
    }
}
