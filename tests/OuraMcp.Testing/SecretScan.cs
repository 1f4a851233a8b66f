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

    /// <summary>
    /// Scans text captured off the test's path; a leak is reported when the test that is running ends
    /// (<see cref="ScanForSecretsAttribute"/>), or by the next test to end when no test is running.
    /// </summary>
    public static void Observe(string where, string? text) => (SecretWatch.Current ?? SecretWatch.Unattributed).Observe(where, text);

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
/// What one test captured off its own path (a process's output read on another thread, log lines the server wrote):
/// scanned as it arrives through <see cref="SecretScan.Observe"/>, and reported after the test by
/// <see cref="ScanForSecretsAttribute"/>, so a leak fails the test that produced it. The current watch flows with
/// the test's execution context into every task and thread the test starts (servers, readers, loggers).
/// </summary>
public sealed class SecretWatch(string name)
{
    private static readonly AsyncLocal<SecretWatch?> CurrentWatch = new();

    private readonly ConcurrentQueue<string> _leaks = new();

    /// <summary>What no test owns: shared fixtures, work started outside any test. Reported by whichever test ends next.</summary>
    public static SecretWatch Unattributed { get; } = new("outside any test (a shared fixture)");

    /// <summary>The running test's watch, or null outside a test.</summary>
    public static SecretWatch? Current
    {
        get => CurrentWatch.Value;
        set => CurrentWatch.Value = value;
    }

    public string Name => name;

    /// <summary>Scans one captured piece of text from <paramref name="source"/>.</summary>
    public void Observe(string source, string? text)
    {
        if (SecretScan.FindLeak(text) is { } leak) _leaks.Enqueue($"{source}: {leak}");
    }

    /// <summary>Takes what was found so far (the scanner's own tests plant secrets on purpose).</summary>
    public IReadOnlyList<string> TakeLeaks()
    {
        var taken = new List<string>();
        while (_leaks.TryDequeue(out var leak)) taken.Add(leak);
        return taken;
    }

    /// <summary>Fails when anything observed so far held a secret.</summary>
    public void ShouldBeClean()
    {
        var leaks = TakeLeaks();
        if (leaks.Count > 0) throw new XunitException($"A secret leaked into what {name} captured:\n  " + string.Join("\n  ", leaks));
    }
}

/// <summary>
/// Applied to a test assembly: gives each test a <see cref="SecretWatch"/> and fails the test when anything captured
/// while it ran held a secret.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ScanForSecretsAttribute : BeforeAfterTestAttribute
{
    public override void Before(System.Reflection.MethodInfo methodUnderTest) =>
        SecretWatch.Current = new SecretWatch($"{methodUnderTest.DeclaringType?.Name}.{methodUnderTest.Name}");

    public override void After(System.Reflection.MethodInfo methodUnderTest)
    {
        var watch = SecretWatch.Current;
        SecretWatch.Current = null;
        watch?.ShouldBeClean();
        SecretWatch.Unattributed.ShouldBeClean();
    }
}
