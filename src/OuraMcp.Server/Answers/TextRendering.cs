using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OuraMcp.Server.Answers;

/// <summary>
/// The text twin of a structured answer: one line per row, <c>name=value</c> pairs, durations as h:mm with their
/// seconds. It carries every value of the structured answer (many clients show the model only the text) in roughly
/// half the characters of the JSON.
/// </summary>
public static class TextRendering
{
    private const string SecondsSuffix = "_seconds";

    public static string Line(JsonElement row)
    {
        var text = new StringBuilder();
        Write(text, row);
        return text.ToString();
    }

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
            // "x_seconds" is written together with its h:mm twin "x", once.
            if (member.Name.EndsWith(SecondsSuffix, StringComparison.Ordinal)
                && value.TryGetProperty(member.Name[..^SecondsSuffix.Length], out _))
            {
                continue;
            }

            if (!first) text.Append(' ');
            first = false;
            text.Append(member.Name);
            if (member.Value.ValueKind == JsonValueKind.Object)
            {
                text.Append('{');
                WriteObject(text, member.Value);
                text.Append('}');
                continue;
            }

            text.Append('=');
            Write(text, member.Value);
            if (value.TryGetProperty(member.Name + SecondsSuffix, out var seconds) && seconds.ValueKind == JsonValueKind.Number)
            {
                text.Append(" (").Append(seconds.GetRawText()).Append(" s)");
            }
        }
    }

    public static string Join(IEnumerable<string> lines) => string.Join('\n', lines);

    public static string Count(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}
