namespace OuraMcp.Server.Views;

/// <summary>
/// Tag names as people say them. Oura codes its generic tags (<c>tag_generic_late_meal</c>) while the app, and so the
/// person, says "late meal"; custom tags are whatever was typed.
/// </summary>
public static class TagNames
{
    private const string GenericPrefix = "tag_generic_";

    /// <summary>A generic type code as the app words it ("late meal"); any other name as it is, trimmed.</summary>
    public static string Readable(string name)
    {
        var text = name.Trim();
        return text.StartsWith(GenericPrefix, StringComparison.Ordinal) && text.Length > GenericPrefix.Length
            ? text[GenericPrefix.Length..].Replace('_', ' ')
            : text;
    }

    /// <summary>The key two names are compared by: "late meal", "Late_Meal" and tag_generic_late_meal are one tag.</summary>
    public static string Normalise(string name)
    {
        var text = name.Trim().ToLowerInvariant();
        if (text.StartsWith(GenericPrefix, StringComparison.Ordinal)) text = text[GenericPrefix.Length..];
        return string.Join(' ', text.Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));
    }
}
