using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace OuraMcp.Testing;

/// <summary>
/// Finds tokens, codes and secrets in text the tests captured: process output, log lines, tool results, messages.
/// A secret is found by its shape or by its value. Shapes: what the fake Oura's OAuth server mints
/// (<c>fake-access-</c>, <c>fake-refresh-</c>, <c>fake-code-</c> and 32 hex digits) and what <see cref="NewSecret"/>
/// makes (<c>testsecret-</c>…), so no test has to remember to register them. Values: whatever a test registers with
/// <see cref="Register"/> (fixed test tokens, store keys). Registration is process-wide, so every capture point
/// checks for every secret any test minted. A report never prints the secret, only its kind and a short prefix.
/// </summary>
public static partial class SecretScan
{
    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);

    [GeneratedRegex(@"fake-(?:access|refresh|code)-[0-9a-f]{32}|testsecret-[a-z]+-[0-9a-f]{24}")]
    private static partial Regex Shapes();

    /// <summary>A fresh secret in the shape the scan recognises, e.g. <c>testsecret-client-…</c>.</summary>
    public static string NewSecret(string kind) =>
        $"testsecret-{kind.ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";

    /// <summary>Adds a secret value to look for everywhere. Short values are refused: they would match by accident.</summary>
    public static string Register(string kind, string value)
    {
        if (value.Length < 8) throw new ArgumentException("A secret shorter than 8 characters would match ordinary text.", nameof(value));
        Known[value] = kind;
        return value;
    }

    /// <summary>What kind of secret <paramref name="text"/> holds (never the secret itself), or null when none.</summary>
    public static string? FindLeak(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (Shapes().Match(text) is { Success: true } match) return Describe(KindOf(match.Value), match.Value);
        foreach (var (value, kind) in Known)
            if (text.Contains(value, StringComparison.Ordinal)) return Describe(kind, value);
        return null;
    }

    /// <summary>Fails the current test when <paramref name="text"/> holds a secret, naming <paramref name="where"/>.</summary>
    public static void ShouldBeClean(string where, string? text)
    {
        if (FindLeak(text) is { } leak) throw new XunitException($"A secret leaked into {where}: {leak}.");
    }

    /// <summary>Checks each of <paramref name="texts"/>, naming the first that leaks.</summary>
    public static void ShouldBeClean(string where, IEnumerable<string?> texts)
    {
        foreach (var text in texts) ShouldBeClean(where, text);
    }

    /// <summary>An exception's messages (and inner ones') and its ToString(), as a handler or a log could show them.</summary>
    public static void ShouldBeClean(string where, Exception exception)
    {
        ShouldBeClean(where, exception.ToString());
        for (var e = exception; e is not null; e = e.InnerException) ShouldBeClean(where, e.Message);
    }

    private static string KindOf(string value) =>
        value.StartsWith("fake-access-", StringComparison.Ordinal) ? "an access token minted by the fake Oura"
        : value.StartsWith("fake-refresh-", StringComparison.Ordinal) ? "a refresh token minted by the fake Oura"
        : value.StartsWith("fake-code-", StringComparison.Ordinal) ? "an authorization code minted by the fake Oura"
        : $"a test {value.Split('-')[1]} secret";

    private static string Describe(string kind, string value) => $"{kind} ({value[..Math.Min(6, value.Length)]}…)";
}

/// <summary>
/// Text captured off the test's own path (a process's output read on another thread, log lines written by the server):
/// kept, scanned as it arrives, and reported by <see cref="ShouldBeClean"/>, which the owner calls when it is done
/// (on dispose), so the leak fails the test that produced it.
/// </summary>
public sealed class SecretWatch(string name)
{
    private readonly ConcurrentQueue<string> _leaks = new();

    /// <summary>Scans one captured piece of text from <paramref name="source"/>.</summary>
    public void Observe(string source, string? text)
    {
        if (SecretScan.FindLeak(text) is { } leak) _leaks.Enqueue($"{name} / {source}: {leak}");
    }

    /// <summary>Fails when anything observed so far held a secret.</summary>
    public void ShouldBeClean()
    {
        if (!_leaks.IsEmpty) throw new XunitException("A secret leaked into captured output:\n  " + string.Join("\n  ", _leaks));
    }
}
