using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Accounts.Tests.Support;

/// <summary>Asserts that no secret appears in any text a person or a log sink could see.</summary>
public static class Secrets
{
    public static void ShouldNotAppearIn(IEnumerable<string> secrets, IEnumerable<string> texts)
    {
        var all = texts.ToList();
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
            all.Should().NotContain(t => t.Contains(secret, StringComparison.Ordinal), "a secret must never be logged or put in a message");
    }

    public static IEnumerable<string> Of(OuraTokenSet tokens) => [tokens.AccessToken, tokens.RefreshToken];

    /// <summary>The message of an exception and of every inner one, and its ToString().</summary>
    public static IEnumerable<string> TextsOf(Exception exception)
    {
        yield return exception.ToString();
        for (var e = exception; e is not null; e = e.InnerException) yield return e.Message;
    }
}
