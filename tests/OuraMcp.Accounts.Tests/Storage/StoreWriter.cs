using OuraMcp.Accounts.Storage;
using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Accounts.Tests.Storage;

/// <summary>
/// The child process of the kill tests: saves generation after generation of two accounts' tokens, printing each
/// generation once both are saved, until it is killed.
/// </summary>
internal static class StoreWriter
{
    public static OuraTokenSet Generation(int n) =>
        new($"access-{n}", $"refresh-{n}", DateTimeOffset.UnixEpoch.AddMinutes(n), ["daily"], TokenEndpointKind.Legacy);

    public static int Run(string path)
    {
        var store = new FileTokenStore(new FileTokenStoreOptions { Path = path }, TimeProvider.System);
        var start = store.TryGetAsync("alice", default).GetAwaiter().GetResult() is { } existing ? int.Parse(existing.AccessToken["access-".Length..]) : 0;
        for (var n = start + 1; ; n++)
        {
            store.SaveAsync("alice", Generation(n), default).GetAwaiter().GetResult();
            store.SaveAsync("bob", Generation(n), default).GetAwaiter().GetResult();
            Console.Out.WriteLine(n);
            Console.Out.Flush();
        }
    }
}
