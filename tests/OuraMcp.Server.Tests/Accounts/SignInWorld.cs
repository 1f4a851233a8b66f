using System.Security.Cryptography;
using OuraMcp.Accounts.Storage;
using OuraMcp.Accounts.Tokens;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Auth;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Accounts;

/// <summary>
/// A fake Oura with its OAuth endpoints on a loopback port, an app registered there with a secret unique to the test,
/// a token store file in a fresh directory with its key, and the environment a server process needs to use them.
/// </summary>
public sealed class SignInWorld : IAsyncDisposable
{
    private SignInWorld(FakeOuraServer fake, string directory, byte[] key, DateOnly lastDay)
    {
        Fake = fake;
        Directory = directory;
        Key = key;
        LastDay = lastDay;
    }

    public FakeOuraServer Fake { get; }

    public FakeOAuthServer OAuth => Fake.OAuth;

    public string Directory { get; }

    public byte[] Key { get; }

    /// <summary>The last day the signed-in person has data for (yesterday, UTC).</summary>
    public DateOnly LastDay { get; }

    public string StorePath => Path.Combine(Directory, "tokens.json");

    public string ClientSecret => Fake.Options.ClientSecret;

    public static async Task<SignInWorld> StartAsync()
    {
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var options = new FakeOuraOptions
        {
            // Unique per test, so the secrets scan cannot pass by luck or fail on a constant shared with other text;
            // in the shape SecretScan looks for everywhere.
            ClientSecret = SecretScan.NewSecret("client"),
            OAuthPerson = FakeDefaults.CreateDemoPerson(lastDay),
        };
        var fake = await FakeOuraServer.StartAsync(options, port: 0);
        var directory = System.IO.Directory.CreateTempSubdirectory("oura-server-accounts-").FullName;
        var key = RandomNumberGenerator.GetBytes(32);
        SecretScan.Register("token store key", Convert.ToBase64String(key));
        return new SignInWorld(fake, directory, key, lastDay);
    }

    public FileTokenStore Store() => new(new FileTokenStoreOptions { Path = StorePath, Key = Key }, TimeProvider.System);

    /// <summary>Issues tokens at the fake and stores them with the access token already expired, so the first use must refresh.</summary>
    public async Task<FakeTokenGrant> SeedExpiredSignInAsync(string account = "default")
    {
        var grant = await OAuth.IssueAsync(Fake.Options.ClientId);
        Fake.Expire(grant.AccessToken);
        await Store().SaveAsync(account, new OuraTokenSet(grant.AccessToken, grant.RefreshToken, DateTimeOffset.UtcNow.AddMinutes(-1), grant.Scopes, TokenEndpointKind.Legacy),
            CancellationToken.None);
        return grant;
    }

    /// <summary>What a server process or an auth command needs to reach the fake and the store.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["OURA_API_BASE_URL"] = Fake.BaseAddress.ToString(),
        ["OURA_AUTHORIZE_URL"] = new Uri(Fake.BaseAddress, FakeOAuthServer.AuthorizePath).ToString(),
        ["OURA_TOKEN_URL"] = new Uri(Fake.BaseAddress, FakeOAuthServer.LegacyTokenPath).ToString(),
        ["OURA_NEW_PORTAL_TOKEN_URL"] = new Uri(Fake.BaseAddress, FakeOAuthServer.NewPortalTokenPath).ToString(),
        ["OURA_TOKEN_STORE"] = StorePath,
        ["OURA_TOKEN_STORE_KEY"] = Convert.ToBase64String(Key),
        ["OURA_CLIENT_ID"] = Fake.Options.ClientId,
        ["OURA_CLIENT_SECRET"] = ClientSecret,
        ["OURA_ACCOUNT"] = "default",
    };

    public async ValueTask DisposeAsync()
    {
        await Fake.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
