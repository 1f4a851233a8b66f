using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>
/// One page of a list route: <c>MultiDocumentResponse_X_</c> (both members required, <c>next_token</c> null on
/// the last page) or <c>TimeSeriesResponse_X_</c> (only <c>data</c> required). One shape serves both.
/// </summary>
public sealed record OuraPage<T>
{
    [JsonPropertyName("data")]
    public IReadOnlyList<T> Data { get; init; } = [];

    [JsonPropertyName("next_token")]
    public string? NextToken { get; init; }
}
