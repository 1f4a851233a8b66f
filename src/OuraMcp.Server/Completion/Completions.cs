using ModelContextProtocol.Protocol;

namespace OuraMcp.Server.Completion;

/// <summary>A <c>completion/complete</c> answer: the candidates that start with what was typed, at most 100 of them.</summary>
public static class Completions
{
    /// <summary>The most values one answer carries (the protocol's limit).</summary>
    public const int MaxValues = 100;

    public static CompleteResult Empty => Of([], "");

    /// <summary>The candidates starting with <paramref name="typed"/> (ignoring case), in the order given.</summary>
    public static CompleteResult Of(IEnumerable<string> candidates, string? typed)
    {
        var prefix = typed?.Trim() ?? "";
        var matching = candidates.Where(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).ToList();
        return new CompleteResult
        {
            Completion = new ModelContextProtocol.Protocol.Completion
            {
                Values = [.. matching.Take(MaxValues)],
                Total = matching.Count,
                HasMore = matching.Count > MaxValues,
            },
        };
    }
}
