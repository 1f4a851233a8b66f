namespace OuraMcp.Oura.Auth;

/// <summary>
/// Where the client gets the bearer token for the current user. The real, shared token store (refresh ahead of
/// expiry, single-flight refresh locked across processes) implements this; so does <see cref="StaticTokenProvider"/>.
/// </summary>
public interface IOuraTokenProvider
{
    /// <summary>The access token to send, or null when the user has not signed in.</summary>
    ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called once after Oura answered 401 to <paramref name="rejectedToken"/>: return a fresh token to retry with once,
    /// or null when there is none (the 401 then reaches the caller as <see cref="Errors.OuraUnauthorizedException"/>).
    /// </summary>
    ValueTask<string?> RefreshAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken);
}

/// <summary>A fixed token (for example from <c>OURA_ACCESS_TOKEN</c>); it cannot refresh.</summary>
public sealed class StaticTokenProvider(string? accessToken) : IOuraTokenProvider
{
    public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(accessToken);

    public ValueTask<string?> RefreshAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(null);
}
