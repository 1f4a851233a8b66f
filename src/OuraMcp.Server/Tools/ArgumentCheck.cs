using System.Text.Json;
using ModelContextProtocol.Protocol;
using OuraMcp.Server.Querying;

namespace OuraMcp.Server.Tools;

/// <summary>
/// Checks a call's arguments against the tool's own input schema before the SDK binds them. A wrong type would
/// otherwise fail inside binding and reach the model as an opaque "An error occurred invoking"; an unknown name
/// (<c>start</c> for <c>start_date</c>) would silently fall back to a default range.
/// </summary>
public static class ArgumentCheck
{
    public static void Validate(Tool tool, IDictionary<string, JsonElement>? arguments)
    {
        RequireNeeded(tool, arguments);
        if (arguments is null || arguments.Count == 0) return;
        var properties = tool.InputSchema.TryGetProperty("properties", out var p) ? p : default;
        var names = properties.ValueKind == JsonValueKind.Object ? properties.EnumerateObject().Select(x => x.Name).ToList() : [];
        foreach (var (name, value) in arguments)
        {
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var schema))
            {
                throw new ToolInputException(
                    names.Count == 0
                        ? $"{tool.Name} takes no arguments; leave out '{Echo.Short(name)}'."
                        : $"{tool.Name} has no argument '{Echo.Short(name)}'. Its arguments are: {string.Join(", ", names)}.");
            }

            if (value.ValueKind == JsonValueKind.Null) continue;
            var expected = TypesOf(schema);
            if (expected.Count > 0 && !expected.Any(t => Matches(t, value, schema)))
            {
                throw new ToolInputException($"Argument '{name}' must be {Describe(expected, schema)}, not {Kind(value)}.");
            }

            if (schema.TryGetProperty("enum", out var allowed) && value.ValueKind == JsonValueKind.String
                && !allowed.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == value.GetString()))
            {
                throw new ToolInputException(
                    $"Argument '{name}' is '{Echo.Short(value.GetString())}', which is not one of: {string.Join(", ", allowed.EnumerateArray().Select(a => a.ToString()))}.");
            }
        }
    }

    /// <summary>The schema's <c>required</c> arguments, each present and not null; the SDK would otherwise fail binding opaquely.</summary>
    private static void RequireNeeded(Tool tool, IDictionary<string, JsonElement>? arguments)
    {
        if (!tool.InputSchema.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array) return;
        foreach (var needed in required.EnumerateArray().Select(r => r.GetString()).OfType<string>())
        {
            if (arguments is not null && arguments.TryGetValue(needed, out var value) && value.ValueKind != JsonValueKind.Null) continue;
            var description = tool.InputSchema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(needed, out var schema)
                && schema.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? $" ({d.GetString()!.TrimEnd('.')})" : "";
            throw new ToolInputException($"{tool.Name} needs the argument '{needed}'{description}. Send it and call again.");
        }
    }

    private static List<string> TypesOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type)) return [];
        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Select(t => t.GetString()!).ToList(),
            _ => [],
        };
    }

    private static bool Matches(string type, JsonElement value, JsonElement schema) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "null" => value.ValueKind == JsonValueKind.Null,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array && ItemsMatch(value, schema),
        _ => true,
    };

    private static bool ItemsMatch(JsonElement array, JsonElement schema)
    {
        if (!schema.TryGetProperty("items", out var items)) return true;
        var types = TypesOf(items);
        return types.Count == 0 || array.EnumerateArray().All(item => types.Any(t => Matches(t, item, items)));
    }

    private static string Describe(List<string> types, JsonElement schema)
    {
        var described = types.Where(t => t != "null").Select(t => t switch
        {
            "array" when schema.TryGetProperty("items", out var items) && TypesOf(items) is { Count: > 0 } inner
                => $"an array of {string.Join(" or ", inner.Where(i => i != "null"))}s (e.g. [\"a\",\"b\"])",
            "boolean" => "true or false",
            "integer" => "an integer",
            "string" => "a string",
            _ => $"a{("aeiou".Contains(t[0]) ? "n" : "")} {t}",
        });
        return string.Join(" or ", described);
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Echo.Short(value.GetString())}\"",
        JsonValueKind.Number => $"the number {Echo.Short(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array" + (value.GetArrayLength() > 0 ? $" holding {Kind(value[0])}" : ""),
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
