using Microsoft.Extensions.Logging;

namespace OuraMcp.Oura.Http;

/// <summary>
/// Log messages of the HTTP pipeline. None takes a token, a secret or an exception message (which could echo
/// request details): only statuses, exception type names, tiers and durations.
/// </summary>
internal static partial class OuraHttpLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "Oura request failed transiently ({Reason}); retry {Attempt} in {DelayMs} ms")]
    public static partial void RetryingTransient(ILogger logger, string reason, int attempt, double delayMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Oura answered 429 (tier {Tier}); retrying after {WaitSeconds} s as Oura asked")]
    public static partial void RetryingRateLimited(ILogger logger, string tier, double waitSeconds);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Rate limited ({Source}, tier {Tier}); failing fast, retry after {WaitSeconds} s")]
    public static partial void RateLimitedFailFast(ILogger logger, string source, string tier, double waitSeconds);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information,
        Message = "Client-side rate budget: waiting {WaitMs} ms before calling Oura")]
    public static partial void BudgetWait(ILogger logger, double waitMs);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error,
        Message = "Circuit to Oura opened after {Failures} recent failures; failing fast for {BreakSeconds} s")]
    public static partial void CircuitOpened(ILogger logger, int failures, double breakSeconds);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Circuit to Oura half-open: letting a probe through")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Circuit to Oura closed: Oura answers again")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning,
        Message = "Oura is unavailable ({Reason}); giving up on this request")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Oura rejected the access token (401); refreshing once")]
    public static partial void RefreshingAfterRejection(ILogger logger);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Oura rejected the access token (401) and no fresh token is available")]
    public static partial void NoFreshToken(ILogger logger);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "No Oura access token for this user; not calling Oura")]
    public static partial void NotSignedIn(ILogger logger);
}
