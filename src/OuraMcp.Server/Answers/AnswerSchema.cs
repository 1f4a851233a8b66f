using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace OuraMcp.Server.Answers;

/// <summary>
/// Documents a list answer's table in the tool's output schema. The schema generated from
/// <see cref="ListAnswer{TRow}"/> says only that rows are arrays of values; this names every column a row record can
/// fill (flattened as <see cref="FlatRow"/> flattens it), with its description and JSON type, so a client can validate
/// the column names and an agent can read what each value means.
/// </summary>
public static class AnswerSchema
{
    public const string ColumnsDescription =
        "Names of the values in each row, in order; nested values are dotted (e.g. main.bedtime). A column no row has a value for is left out. Durations are *_seconds (h:mm in the text).";

    /// <summary>The row record of a list answer type, or null when <paramref name="outputType"/> is not one.</summary>
    public static Type? RowType(Type? outputType) =>
        outputType is { IsGenericType: true } && outputType.GetGenericTypeDefinition() == typeof(ListAnswer<>) ? outputType.GetGenericArguments()[0] : null;

    /// <summary><paramref name="answerSchema"/> (the schema of a list answer) with its columns documented from <paramref name="rowType"/>.</summary>
    public static JsonElement Document(JsonElement answerSchema, Type rowType)
    {
        var schema = JsonNode.Parse(answerSchema.GetRawText())!.AsObject();
        var rowSchema = AIJsonUtilities.CreateJsonSchema(rowType, serializerOptions: ServerJson.Options);
        var columns = new JsonArray();
        AddColumns(rowSchema, "", null, columns);

        var properties = schema["properties"]!.AsObject();
        // The generator writes a second identical sub-schema as a $ref to the first (documents' arrays point at the
        // rows' items); those are inlined before the rows' and columns' items are replaced.
        InlineReferences(schema, "#/properties/rows/items", properties["rows"]!["items"]!);
        InlineReferences(schema, "#/properties/columns/items", properties["columns"]!["items"]!);
        properties["columns"]!["items"] = new JsonObject { ["anyOf"] = columns };
        properties["rows"]!["items"] = new JsonObject
        {
            ["type"] = "array",
            ["description"] = "One row: its values in the order of columns.",
        };
        return JsonSerializer.SerializeToElement(schema, ServerJson.Options.GetTypeInfo(typeof(JsonObject)));
    }

    private static void InlineReferences(JsonNode? node, string reference, JsonNode target)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"]?.GetValue<string>() == reference)
                {
                    obj.Remove("$ref");
                    foreach (var (name, value) in target.AsObject()) obj[name] ??= value?.DeepClone();
                }

                foreach (var (_, child) in obj.ToList()) InlineReferences(child, reference, target);
                break;
            case JsonArray array:
                foreach (var child in array) InlineReferences(child, reference, target);
                break;
        }
    }

    private static void AddColumns(JsonElement objectSchema, string prefix, string? parentDescription, JsonArray columns)
    {
        if (!objectSchema.TryGetProperty("properties", out var properties)) return;
        foreach (var property in properties.EnumerateObject())
        {
            var name = prefix + property.Name;
            var description = property.Value.TryGetProperty("description", out var d) ? d.GetString() : null;
            if (property.Value.TryGetProperty("properties", out _))
            {
                AddColumns(property.Value, name + ".", description, columns);
            }
            else if (property.Value.TryGetProperty("additionalProperties", out var entries) && entries.ValueKind == JsonValueKind.Object)
            {
                // A map (score contributors): one column per entry the data has, named after the entry.
                columns.Add((JsonNode)new JsonObject
                {
                    ["pattern"] = "^" + Regex.Escape(name + ".") + "[a-z0-9_]+$",
                    ["description"] = Describe(description, parentDescription, TypeOf(entries), $"one column per entry, {name}.<entry>"),
                });
            }
            else
            {
                columns.Add((JsonNode)new JsonObject
                {
                    ["const"] = name,
                    ["description"] = Describe(description, parentDescription, TypeOf(property.Value), null),
                });
            }
        }
    }

    /// <summary>The member's own description (its dotted name says where it sits), else its parent's; then its type.</summary>
    private static string Describe(string? description, string? parentDescription, string type, string? note)
    {
        var text = description ?? parentDescription ?? "";
        var kind = note is null ? type : type + "; " + note;
        return text.Length == 0 ? $"({kind})" : $"{text} ({kind})";
    }

    /// <summary>The schema's JSON type without null: every value may be null.</summary>
    private static string TypeOf(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? "any"
        : type.ValueKind == JsonValueKind.String ? type.GetString()!
        : string.Join(" or ", type.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null"));
}
