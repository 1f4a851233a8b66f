using OuraMcp.Server.Answers;
using System.Text.Json;
using OuraMcp.Oura.Json;

namespace OuraMcp.Server.Views;

/// <summary>Score contributors as a flat name-to-value map: every contributor model becomes the same compact shape.</summary>
public static class Contributors
{
    public static IReadOnlyDictionary<string, double>? From<T>(T? contributors) where T : class
    {
        if (contributors is null) return null;
        var json = JsonSerializer.SerializeToElement(contributors, OuraJson.Options.GetTypeInfo(typeof(T)));
        var map = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var member in json.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Number) map[member.Name] = Numbers.Round(member.Value.GetDouble(), 1);
        }

        return map.Count == 0 ? null : map;
    }
}
