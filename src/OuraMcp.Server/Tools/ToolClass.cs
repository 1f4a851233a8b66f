using System.Diagnostics.CodeAnalysis;

namespace OuraMcp.Server.Tools;

/// <summary>
/// A tool class, carrying what the catalog reads of it by reflection (its methods and their attributes, its constructor)
/// in its type, so that a trimmed or Native AOT build keeps exactly that (docs/performance-server.md, Native AOT).
/// </summary>
public sealed class ToolClass
{
    public const DynamicallyAccessedMemberTypes Members =
        DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors;

    private ToolClass([DynamicallyAccessedMembers(Members)] Type type) => Type = type;

    [DynamicallyAccessedMembers(Members)]
    public Type Type { get; }

    public static ToolClass Of<[DynamicallyAccessedMembers(Members)] T>() => new(typeof(T));
}
