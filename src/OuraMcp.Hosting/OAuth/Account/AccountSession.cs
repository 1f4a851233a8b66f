using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace OuraMcp.Hosting.OAuth.Account;

/// <summary>
/// The account page's own sign-in: a data-protected ticket in a <c>__Host-</c> cookie naming the person, the connection
/// it was issued for, and the per-session token every form must send back. It holds no token of Oura's or ours. A
/// ticket ends when it expires, or when the connection it names does (the person deleted their data).
/// </summary>
internal sealed record AccountSession(string PersonId, DateTimeOffset ConnectedAt, string FormToken)
{
    public const string Cookie = "__Host-oura-mcp-session";
    private const string Purpose = "OuraMcp.Hosting.OAuth.Account.Session";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static AccountSession New(string personId, DateTimeOffset connectedAt) =>
        new(personId, connectedAt, PendingSignIns.Base64Url(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Whether a posted form carries this session's token (constant time).</summary>
    public bool Accepts(string? formToken) =>
        formToken is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(FormToken), Encoding.UTF8.GetBytes(formToken));

    /// <summary>Whether the connection this ticket was issued for is still the person's (same instant, to the microsecond a database keeps).</summary>
    public bool Matches(ConnectedPersonRecord? person) =>
        person is not null && person.Id == PersonId && Micros(person.ConnectedAt) == Micros(ConnectedAt);

    public void Write(HttpContext context, IDataProtectionProvider protection)
    {
        var expires = DateTimeOffset.UtcNow.Add(Lifetime).ToUnixTimeSeconds();
        var payload = string.Join('\n', expires.ToString(CultureInfo.InvariantCulture), PersonId, Micros(ConnectedAt).ToString(CultureInfo.InvariantCulture), FormToken);
        context.Response.Cookies.Append(Cookie, protection.CreateProtector(Purpose).Protect(payload), AuthorizationEndpoints.CookieOptions(Lifetime));
    }

    /// <summary>The request's ticket, or null when it has none, or one that is forged, altered or expired.</summary>
    public static AccountSession? Read(HttpContext context, IDataProtectionProvider protection)
    {
        if (context.Request.Cookies[Cookie] is not { Length: > 0 } cookie) return null;
        try
        {
            var parts = protection.CreateProtector(Purpose).Unprotect(cookie).Split('\n');
            if (parts.Length != 4 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var expires) || expires < DateTimeOffset.UtcNow.ToUnixTimeSeconds()
                || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var connected)) return null;
            return new AccountSession(parts[1], DateTimeOffset.UnixEpoch.AddTicks(connected * 10), parts[3]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static void End(HttpContext context) => context.Response.Cookies.Delete(Cookie, AuthorizationEndpoints.CookieOptions(TimeSpan.Zero));

    private static long Micros(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
