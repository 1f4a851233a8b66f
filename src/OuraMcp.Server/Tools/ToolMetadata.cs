namespace OuraMcp.Server.Tools;

/// <summary>The toolset of every tool in a tool class; read from the tool's metadata for <c>--toolsets</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ToolsetAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>The Oura collections (catalog names) a tool reads; lets a test prove every collection is reachable.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ReadsCollectionsAttribute(params string[] collections) : Attribute
{
    public IReadOnlyList<string> Collections { get; } = collections;
}

/// <summary>
/// Narrows a string parameter's JSON schema to a fixed set of values (an <c>enum</c>), checked before binding.
/// <see cref="Source"/> names where the values come from, so the list is data, never a second hand-kept copy.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class AllowedValuesFromAttribute(AllowedValuesSource source) : Attribute
{
    public AllowedValuesSource Source { get; } = source;
}

public enum AllowedValuesSource
{
    /// <summary>Catalog collections with a document route.</summary>
    DocumentCollections,

    /// <summary>raw, 5min, hourly, daily.</summary>
    Resolutions,

    /// <summary>Oura's webhook data types.</summary>
    WebhookDataTypes,

    /// <summary>Oura's webhook event types: create, update, delete.</summary>
    WebhookEventTypes,
}
