using System.Globalization;
using Microsoft.Extensions.Options;
using OuraMcp.Accounts.Storage;
using OuraMcp.History.Storage;
using OuraMcp.Hosting.OAuth.Account;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Http;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Http;

/// <summary>
/// The Oura side of the account page: who the person is at Oura (asked of Oura with their own sign-in), the scopes
/// and last refresh of their stored sign-in, their request budget, and forgetting their tokens and stored history.
/// </summary>
internal sealed class OuraAccounts(ITokenStore store, IPersonDirectory directory, OuraClient oura, OuraRateBudget budget,
    IOptions<OuraClientOptions> options, IHistoryStore? history, HostedBackfill backfill) : IUpstreamAccounts
{
    /// <summary>Oura on the web, where a member manages their account (Oura offers apps no way to revoke their own access).</summary>
    public Uri AppSettingsPage { get; } = new("https://cloud.ouraring.com/account");

    public async Task<IReadOnlyList<AccountFact>?> DescribeAsync(string personId, CancellationToken cancellationToken)
    {
        if (await store.TryGetAsync(personId, cancellationToken).ConfigureAwait(false) is null) return null;
        var account = await AccountAsync(personId, cancellationToken).ConfigureAwait(false);
        // Read after Oura was asked: asking may have refreshed the sign-in.
        var tokens = await store.TryGetAsync(personId, cancellationToken).ConfigureAwait(false);
        if (tokens is null) return null;
        return
        [
            new("Oura account", account),
            new("Scopes granted", tokens.Scopes.Count == 0 ? "none reported by Oura" : string.Join(", ", tokens.Scopes)),
            new("Oura sign-in last refreshed", tokens.IssuedAt is { } issued ? Utc(issued) : "not recorded"),
            new("Oura access token valid until", Utc(tokens.ExpiresAt)),
            new("Oura requests left for you", Budget(personId)),
        ];
    }

    public Task<bool> DisconnectAsync(string personId, CancellationToken cancellationToken) =>
        // Under the account's lock: a refresh in flight saves its tokens before this removes them, not after.
        store.WithAccountLockAsync(personId, ct => store.RemoveAsync(personId, ct), cancellationToken);

    public async Task ForgetAsync(string personId, CancellationToken cancellationToken)
    {
        await DisconnectAsync(personId, cancellationToken).ConfigureAwait(false);
        // A backfill still running would write windows after the deletion.
        await backfill.StopForAsync(personId).ConfigureAwait(false);
        if (history is not null) await history.ForgetPersonAsync(personId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> AccountAsync(string personId, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(personId, cancellationToken).ConfigureAwait(false) is not { } person) return "not connected";
        try
        {
            var info = await oura.For(new OuraUser(person.Id, person.OuraTokens)).GetPersonalInfoAsync(cancellationToken).ConfigureAwait(false);
            return string.IsNullOrEmpty(info.Email) ? info.Id : $"{info.Id} ({info.Email})";
        }
        catch (OuraApiException e)
        {
            return "Oura could not say: " + e.Message;
        }
    }

    private string Budget(string personId) => BudgetLine(budget.GetSnapshot(), personId, options.Value);

    /// <summary>The person's own bucket of <paramref name="snapshot"/> in words; a person without one has the whole budget.</summary>
    internal static string BudgetLine(OuraRateBudgetSnapshot snapshot, string personId, OuraClientOptions limits)
    {
        var key = OuraRateBudget.KeyForUser(personId);
        var bucket = snapshot.Tokens.FirstOrDefault(b => b.Key == key);
        var available = bucket?.Available ?? limits.PerTokenRequestLimit;
        var blocked = bucket?.BlockedUntil is { } until ? $"; Oura asked for a pause until {Utc(until)}" : "";
        return $"{available.ToString(CultureInfo.InvariantCulture)} of {limits.PerTokenRequestLimit.ToString(CultureInfo.InvariantCulture)} " +
               $"per {limits.RateLimitWindow.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes{blocked}";
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
