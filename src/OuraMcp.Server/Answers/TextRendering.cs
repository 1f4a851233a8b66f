using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OuraMcp.Server.Answers;

/// <summary>
/// The text twin of a structured answer, which most clients hand to the model instead of the structured content:
/// tables as CSV (a header once, then a line per row), single records as <c>name=value</c> pairs. Durations, which
/// the structured answer gives in seconds (<c>*_seconds</c>), are written as h:mm here, the way people read them.
/// </summary>
public static class TextRendering
{
    private const string SecondsSuffix = "_seconds";

    /// <summary>A record (a nested value, a profile) as <c>name=value</c> pairs.</summary>
    public static string Line(JsonElement row)
    {
        var text = new StringBuilder();
        Write(text, row);
        return text.ToString();
    }

    /// <summary>A column's name in the CSV header: durations say they are h:mm.</summary>
    public static string Header(string column) => Csv(IsDuration(column) ? column[..^SecondsSuffix.Length] + " (h:mm)" : column);

    /// <summary>One value of a CSV line: empty for no value, h:mm for a duration, nested values as <c>name=value</c> pairs.</summary>
    public static string Cell(string column, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Number when IsDuration(column) => Durations.HoursMinutes(value.GetDouble())!,
        JsonValueKind.String => Csv(value.GetString()!),
        JsonValueKind.Array or JsonValueKind.Object => Csv(Line(value)),
        _ => value.GetRawText(),
    };

    public static string Join(IEnumerable<string> lines) => string.Join('\n', lines);

    public static string Count(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    private static bool IsDuration(string name) => name.EndsWith(SecondsSuffix, StringComparison.Ordinal);

    /// <summary>RFC 4180 quoting, only where a value needs it.</summary>
    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Write(StringBuilder text, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(text, value);
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first) text.Append(item.ValueKind == JsonValueKind.Object ? "; " : ",");
                    first = false;
                    if (item.ValueKind == JsonValueKind.Object) { text.Append('{'); WriteObject(text, item); text.Append('}'); }
                    else Write(text, item);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                text.Append(value.GetString());
                break;
            case JsonValueKind.Null:
                text.Append('-');
                break;
            default:
                text.Append(value.GetRawText());
                break;
        }
    }

    private static void WriteObject(StringBuilder text, JsonElement value)
    {
        var first = true;
        foreach (var member in value.EnumerateObject())
        {
            if (!first) text.Append(' ');
            first = false;
            if (member.Value.ValueKind == JsonValueKind.Object)
            {
                text.Append(member.Name).Append('{');
                WriteObject(text, member.Value);
                text.Append('}');
            }
            else if (member.Value.ValueKind == JsonValueKind.Number && IsDuration(member.Name))
            {
                text.Append(member.Name.AsSpan(0, member.Name.Length - SecondsSuffix.Length)).Append('=').Append(Durations.HoursMinutes(member.Value.GetDouble()));
            }
            else
            {
                text.Append(member.Name).Append('=');
                Write(text, member.Value);
            }
        }
    }
}
