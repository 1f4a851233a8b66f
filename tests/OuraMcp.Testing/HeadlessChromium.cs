using Microsoft.Playwright;
using Xunit;

namespace OuraMcp.Testing;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET. Playwright's own browser download cannot run here (no network
/// beyond the package registries), so the tests launch the machine's <c>/usr/bin/chromium</c>, which <c>.ci/run</c>
/// installs with apt.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>The Chromium executable: <c>OURA_TEST_CHROMIUM</c> when set, else Debian's; null when none.</summary>
    public static string? Executable { get; } = FindExecutable();

    public static bool IsAvailable => Executable is not null;

    /// <summary>Why the browser is missing, for a skip reason.</summary>
    public const string MissingReason = "needs Chromium: `apt-get install chromium` (CI does)";

    /// <summary>
    /// Starts a headless Chromium. The flags keep it off the network it cannot reach here (background services,
    /// component updates, sync), which would otherwise fill the log with refused connections.
    /// </summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Executable ?? throw new InvalidOperationException(MissingReason),
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                ],
            }).ConfigureAwait(false);
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A folder in the test output for screenshots (<c>TestResults/screenshots</c> beside the test assembly), so a
    /// reviewer can look at each state the test drove the page through.
    /// </summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    private static string? FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable("OURA_TEST_CHROMIUM");
        if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : null;
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
            if (File.Exists(candidate)) return candidate;
        return null;
    }
}

/// <summary>
/// A fact that needs Chromium. Skipped with a reason on a machine without it (the README's test command needs only
/// the .NET SDK), but never in CI (<c>CI=true</c>), where a missing browser is a failure, not a skip.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!HeadlessChromium.IsAvailable && !inCi) Skip = HeadlessChromium.MissingReason;
    }
}
