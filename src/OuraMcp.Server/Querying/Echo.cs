namespace OuraMcp.Server.Querying;

/// <summary>
/// Input quoted back in an error, cut short: a sentence must say what was wrong without repeating a megabyte of it,
/// which would also slip past the response budget.
/// </summary>
public static class Echo
{
    public const int MaxLength = 40;

    public static string Short(string? text) =>
        text is null ? "" : text.Length <= MaxLength ? text : text[..MaxLength] + $"… ({text.Length:N0} characters)";
}
