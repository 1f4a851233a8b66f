using System.ComponentModel;
using System.Text.Json;

namespace OuraMcp.Server.Answers;

/// <summary>One whole document looked up by id.</summary>
public sealed record DocumentAnswer
{
    [Description("The collection the document belongs to.")]
    public required string Collection { get; init; }

    [Description("The document id.")]
    public required string Id { get; init; }

    [Description("The whole document as Oura stores it.")]
    public required JsonElement Document { get; init; }
}
