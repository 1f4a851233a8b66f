using Microsoft.Extensions.Time.Testing;
using System.Security.Cryptography;
using OuraMcp.Accounts.OAuth;
using OuraMcp.Accounts.Refresh;
using OuraMcp.Accounts.Storage;
using OuraMcp.Accounts.Tests.Support;
using OuraMcp.Accounts.Tokens;
using OuraMcp.FakeOura.Auth;
using OuraMcp.Testing;

namespace OuraMcp.Accounts.Tests.Storage;

/// <summary>
/// What every token store must do, run over each implementation: round trips, clear errors that leave the store
/// untouched, a lock that holds across instances, and refresh that spends a refresh token once. Tests are
/// <see cref="StoreFactAttribute"/>s, so a store that needs a server skips (locally) when none is configured.
/// </summary>
public abstract class TokenStoreContract : IDisposable
{
    protected readonly LogCapture Logs = new();

    /// <summary>A new instance over the same stored data; a null key means the store's default key handling.</summary>
    protected abstract ITokenStore CreateStore(byte[]? key = null, TimeProvider? time = null, TimeSpan? lockTimeout = null);

    /// <summary>How the store names itself in messages (a path, or a database without its password).</summary>
    protected abstract string ExpectedLocation { get; }

    protected static OuraTokenSet Sample(string suffix = "1", TokenEndpointKind endpoint = TokenEndpointKind.Legacy) =>
        new($"access-{suffix}", $"refresh-{suffix}", new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero), ["daily", "heartrate"], endpoint);

    public virtual void Dispose() { }

    [StoreFact]
    public async Task Saved_tokens_are_read_back_by_another_instance_with_every_field()
    {
        var tokens = Sample("round", TokenEndpointKind.NewPortal);
        await CreateStore().SaveAsync("alice", tokens, default);

        var read = await CreateStore().TryGetAsync("alice", default);

        read.Should().NotBeNull();
        read!.AccessToken.Should().Be(tokens.AccessToken);
        read.RefreshToken.Should().Be(tokens.RefreshToken);
        read.ExpiresAt.Should().Be(tokens.ExpiresAt);
        read.Scopes.Should().Equal(tokens.Scopes);
        read.TokenEndpoint.Should().Be(TokenEndpointKind.NewPortal);
    }

    [StoreFact]
    public async Task An_account_never_signed_in_has_no_tokens_and_reading_creates_nothing()
    {
        (await CreateStore().TryGetAsync("nobody", default)).Should().BeNull();
        (await CreateStore().ListAccountsAsync(default)).Should().BeEmpty();
    }

    [StoreFact]
    public async Task Accounts_are_listed_in_order_replaced_on_save_and_forgotten_on_remove()
    {
        var store = CreateStore();
        await store.SaveAsync("bob", Sample("b"), default);
        await store.SaveAsync("alice", Sample("a1"), default);
        await store.SaveAsync("alice", Sample("a2"), default);

        (await store.ListAccountsAsync(default)).Should().Equal("alice", "bob");
        (await store.TryGetAsync("alice", default))!.RefreshToken.Should().Be("refresh-a2");

        (await store.RemoveAsync("alice", default)).Should().BeTrue();
        (await store.RemoveAsync("alice", default)).Should().BeFalse();
        (await CreateStore().ListAccountsAsync(default)).Should().Equal("bob");
    }

    [StoreFact]
    public async Task A_store_read_with_the_wrong_key_names_the_key_and_is_never_overwritten()
    {
        var rightKey = RandomNumberGenerator.GetBytes(32);
        await CreateStore(rightKey).SaveAsync("alice", Sample(), default);

        var wrong = CreateStore(RandomNumberGenerator.GetBytes(32));
        var read = () => wrong.TryGetAsync("alice", default);
        (await read.Should().ThrowAsync<TokenStoreException>()).Which.Message
            .Should().Contain($"Could not decrypt {ExpectedLocation}").And.Contain("OURA_TOKEN_STORE_KEY does not match");
        var save = () => wrong.SaveAsync("mallory", Sample("m"), default);
        await save.Should().ThrowAsync<TokenStoreException>();

        var intact = CreateStore(rightKey);
        (await intact.TryGetAsync("alice", default))!.RefreshToken.Should().Be("refresh-1");
        (await intact.ListAccountsAsync(default)).Should().Equal("alice");
    }

    [StoreFact]
    public async Task The_account_lock_excludes_a_second_instance_of_the_store()
    {
        var first = CreateStore();
        var second = CreateStore();
        await first.SaveAsync("alice", Sample(), default);
        var inside = 0;
        var overlaps = 0;

        async Task<bool> Critical(CancellationToken ct)
        {
            if (Interlocked.Increment(ref inside) > 1) Interlocked.Increment(ref overlaps);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref inside);
            return true;
        }

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).WithAccountLockAsync("alice", Critical, default))));

        overlaps.Should().Be(0);
    }

    [StoreFact]
    public async Task A_lock_held_too_long_elsewhere_gives_a_clear_timeout()
    {
        var holder = CreateStore();
        var waiter = CreateStore(lockTimeout: TimeSpan.FromMilliseconds(300));
        await holder.SaveAsync("alice", Sample(), default);
        var release = new TaskCompletionSource();
        var held = new TaskCompletionSource();
        var holding = holder.WithAccountLockAsync("alice", async _ => { held.SetResult(); await release.Task; return true; }, default);
        await held.Task;

        var wait = () => waiter.WithAccountLockAsync("alice", _ => Task.FromResult(true), default);

        (await wait.Should().ThrowAsync<TokenStoreException>()).Which.Message.Should().Contain("Timed out").And.Contain("another oura-mcp process");
        release.SetResult();
        await holding;
    }

    // ---- refresh through the store ----

    [StoreFact]
    public async Task Twenty_concurrent_rejections_in_one_process_send_exactly_one_refresh()
    {
        await using var fake = await FakeOAuthHost.StartAsync(TimeProvider.System);
        fake.Server.TokenLatency = TimeSpan.FromMilliseconds(50);
        var store = CreateStore();
        var signedIn = await SeedAsync(fake, store, "alice");
        var provider = Provider(fake, store, new TokenRefreshCoordinator(), TimeProvider.System);

        var tokens = await RunTogether(20, () => provider.RefreshAfterRejectionAsync(signedIn.AccessToken, default).AsTask());

        fake.Server.RefreshesServed.Should().Be(1);
        fake.Server.RefreshesRefused.Should().Be(0);
        tokens.Distinct().Should().ContainSingle().Which.Should().NotBe(signedIn.AccessToken);
        fake.Server.IsAccessTokenValid(tokens[0]!).Should().BeTrue();
        var saved = await CreateStore().TryGetAsync("alice", default);
        saved!.AccessToken.Should().Be(tokens[0]);
        Logs.Lines.Should().Contain(l => l.Contains("Refreshed and saved"));
        Secrets.ShouldNotAppearIn([.. Secrets.Of(signedIn), .. Secrets.Of(saved), FakeOAuthHost.ClientSecret], Logs.Lines);
    }

    [StoreFact]
    public async Task Two_instances_with_their_own_coordinators_refresh_an_expired_token_once_through_the_store_lock()
    {
        await using var fake = await FakeOAuthHost.StartAsync(TimeProvider.System);
        fake.Server.TokenLatency = TimeSpan.FromMilliseconds(50);
        var signedIn = await SeedAsync(fake, CreateStore(), "alice", expired: true);
        // Two "processes": separate store instances and separate coordinators, so only the store's lock stands between them.
        var one = Provider(fake, CreateStore(), new TokenRefreshCoordinator(), TimeProvider.System);
        var two = Provider(fake, CreateStore(), new TokenRefreshCoordinator(), TimeProvider.System);

        var tokens = await RunTogether(20, i => (i % 2 == 0 ? one : two).GetAccessTokenAsync(default).AsTask());

        fake.Server.RefreshesServed.Should().Be(1);
        fake.Server.RefreshesRefused.Should().Be(0);
        tokens.Should().OnlyContain(t => t != null && t != signedIn.AccessToken && fake.Server.IsAccessTokenValid(t));
        tokens.Distinct().Should().ContainSingle();
    }

    [StoreFact]
    public async Task Twenty_concurrent_rejections_across_two_instances_send_exactly_one_refresh()
    {
        await using var fake = await FakeOAuthHost.StartAsync(TimeProvider.System);
        fake.Server.TokenLatency = TimeSpan.FromMilliseconds(50);
        var signedIn = await SeedAsync(fake, CreateStore(), "alice");
        // Two "processes" whose token was rejected at once: only the store's lock stands between their refreshes.
        var one = Provider(fake, CreateStore(), new TokenRefreshCoordinator(), TimeProvider.System);
        var two = Provider(fake, CreateStore(), new TokenRefreshCoordinator(), TimeProvider.System);

        var tokens = await RunTogether(20, i => (i % 2 == 0 ? one : two).RefreshAfterRejectionAsync(signedIn.AccessToken, default).AsTask());

        fake.Server.RefreshesServed.Should().Be(1);
        fake.Server.RefreshesRefused.Should().Be(0);
        tokens.Distinct().Should().ContainSingle().Which.Should().NotBe(signedIn.AccessToken);
        fake.Server.IsAccessTokenValid(tokens[0]!).Should().BeTrue();
        (await CreateStore().TryGetAsync("alice", default))!.AccessToken.Should().Be(tokens[0]);
    }

    [StoreFact]
    public async Task A_token_refreshed_by_another_process_is_used_after_a_rejection_without_refreshing_again()
    {
        await using var fake = await FakeOAuthHost.StartAsync(TimeProvider.System);
        var store = CreateStore();
        var signedIn = await SeedAsync(fake, store, "alice");
        var here = Provider(fake, store, new TokenRefreshCoordinator(), TimeProvider.System);
        var elsewhere = Provider(fake, CreateStore(), new TokenRefreshCoordinator(), TimeProvider.System);
        (await here.GetAccessTokenAsync(default)).Should().Be(signedIn.AccessToken);
        var refreshedElsewhere = await elsewhere.RefreshAfterRejectionAsync(signedIn.AccessToken, default);

        var token = await here.RefreshAfterRejectionAsync(signedIn.AccessToken, default);

        token.Should().Be(refreshedElsewhere);
        fake.Server.RefreshesServed.Should().Be(1);
    }

    [StoreFact]
    public async Task The_access_token_is_refreshed_ahead_of_expiry_and_the_new_refresh_token_is_saved()
    {
        var clock = new FakeTimeProvider();
        await using var fake = await FakeOAuthHost.StartAsync(clock);
        fake.Server.AccessTokenLifetime = TimeSpan.FromHours(1);
        var store = CreateStore(time: clock);
        var signedIn = await SeedAsync(fake, store, "alice");
        var provider = Provider(fake, store, new TokenRefreshCoordinator(), clock);

        clock.Advance(TimeSpan.FromMinutes(54));
        (await provider.GetAccessTokenAsync(default)).Should().Be(signedIn.AccessToken);
        fake.Server.RefreshesServed.Should().Be(0);

        clock.Advance(TimeSpan.FromMinutes(2)); // 4 minutes left: inside the 5-minute skew
        var token = await provider.GetAccessTokenAsync(default);

        token.Should().NotBe(signedIn.AccessToken);
        fake.Server.RefreshesServed.Should().Be(1);
        var saved = await CreateStore(time: clock).TryGetAsync("alice", default);
        saved!.AccessToken.Should().Be(token);
        saved.RefreshToken.Should().NotBe(signedIn.RefreshToken);
        saved.ExpiresAt.Should().Be(clock.GetUtcNow() + TimeSpan.FromHours(1));
    }

    [StoreFact]
    public async Task A_refresh_answered_invalid_grant_says_to_sign_in_again_and_keeps_the_stored_tokens()
    {
        await using var fake = await FakeOAuthHost.StartAsync(TimeProvider.System);
        var store = CreateStore();
        var signedIn = await SeedAsync(fake, store, "alice");
        // Someone spent the refresh token behind the store's back (a copy of the store on another machine, say).
        await fake.CreateOAuthClient(TimeProvider.System).RefreshAsync(signedIn, default);
        var provider = Provider(fake, store, new TokenRefreshCoordinator(), TimeProvider.System);

        var refresh = () => provider.RefreshAfterRejectionAsync(signedIn.AccessToken, default).AsTask();

        var error = (await refresh.Should().ThrowAsync<OuraSignInRequiredException>()).Which;
        error.Message.Should().Contain("'alice'").And.Contain("OuraMcp.Server auth login");
        (await CreateStore().TryGetAsync("alice", default)).Should().BeEquivalentTo(signedIn);
        Secrets.ShouldNotAppearIn([..Secrets.Of(signedIn), FakeOAuthHost.ClientSecret], [..Secrets.TextsOf(error), ..Logs.Lines]);
    }

    [StoreFact]
    public async Task An_account_that_never_signed_in_has_no_token_to_give()
    {
        await using var fake = await FakeOAuthHost.StartAsync(TimeProvider.System);
        var provider = Provider(fake, CreateStore(), new TokenRefreshCoordinator(), TimeProvider.System);

        (await provider.GetAccessTokenAsync(default)).Should().BeNull();
        (await provider.RefreshAfterRejectionAsync("anything", default)).Should().BeNull();
        fake.Server.RefreshesServed.Should().Be(0);
    }

    protected static async Task<OuraTokenSet> SeedAsync(FakeOAuthHost fake, ITokenStore store, string account, bool expired = false)
    {
        var grant = await fake.Server.IssueAsync(FakeOAuthHost.ClientId);
        var tokens = new OuraTokenSet(grant.AccessToken, grant.RefreshToken,
            expired ? fake.Server.TimeProvider.GetUtcNow().AddMinutes(-1) : grant.ExpiresAt, grant.Scopes, TokenEndpointKind.Legacy);
        await store.SaveAsync(account, tokens, default);
        return tokens;
    }

    protected StoredTokenProvider Provider(FakeOAuthHost fake, ITokenStore store, TokenRefreshCoordinator coordinator, TimeProvider time, string account = "alice") =>
        new(account, store, fake.CreateOAuthClient(time, Logs.For<OAuthClient>()), coordinator, time, Logs.For<StoredTokenProvider>());

    protected static Task<T[]> RunTogether<T>(int count, Func<Task<T>> call) => RunTogether(count, _ => call());

    protected static async Task<T[]> RunTogether<T>(int count, Func<int, Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () => { await start.Task; return await call(i); })).ToArray();
        start.SetResult();
        return await Task.WhenAll(calls);
    }
}

/// <summary>The contract's file-specific part, for the stores that live in a file beside a key file.</summary>
public abstract class FileBackedTokenStoreContract : TokenStoreContract
{
    protected readonly TempDirectory Directory = new();

    /// <summary>The store file inside <see cref="TempDirectory"/>, created on first write.</summary>
    protected abstract string StoreFileName { get; }

    protected string StorePath => Directory.File(StoreFileName);

    protected override string ExpectedLocation => StorePath;

    protected FileTokenStoreOptions Options(byte[]? key, TimeSpan? lockTimeout) =>
        new() { Path = StorePath, Key = key, LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(30) };

    public override void Dispose() => Directory.Dispose();

    [Fact]
    public async Task The_store_and_its_key_file_are_readable_by_the_owner_only()
    {
        await CreateStore().SaveAsync("alice", Sample(), default);

        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.GetUnixFileMode(StorePath).Should().Be(ownerOnly);
        File.GetUnixFileMode(Path.ChangeExtension(StorePath, ".key")).Should().Be(ownerOnly);
        File.ReadAllText(StorePath).Should().NotContain("access-1").And.NotContain("refresh-1");
    }

    [Fact]
    public async Task A_store_readable_by_others_is_refused_with_the_chmod_to_run_and_left_as_it_was()
    {
        await CreateStore().SaveAsync("alice", Sample(), default);
        File.SetUnixFileMode(StorePath, File.GetUnixFileMode(StorePath) | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = Snapshot();

        var read = () => CreateStore().TryGetAsync("alice", default);
        (await read.Should().ThrowAsync<TokenStoreException>()).Which.Message.Should().Contain($"chmod 600 {StorePath}");
        var save = () => CreateStore().SaveAsync("alice", Sample("new"), default);
        await save.Should().ThrowAsync<TokenStoreException>();

        Snapshot().Should().Equal(before);
        File.SetUnixFileMode(StorePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await CreateStore().TryGetAsync("alice", default))!.RefreshToken.Should().Be("refresh-1");
    }

    [Fact]
    public async Task A_store_whose_key_file_was_replaced_says_the_key_file_does_not_match()
    {
        await CreateStore().SaveAsync("alice", Sample(), default);
        var keyFile = Path.ChangeExtension(StorePath, ".key");
        File.WriteAllText(keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var read = () => CreateStore().TryGetAsync("alice", default);

        (await read.Should().ThrowAsync<TokenStoreException>()).Which.Message.Should().Contain($"the key file {keyFile} does not match");
    }

    [Fact]
    public async Task A_damaged_store_is_reported_by_name_and_left_untouched()
    {
        await CreateStore().SaveAsync("alice", Sample(), default);
        File.WriteAllText(StorePath, "{ this is not a token store " + new string('x', 5000));
        var before = Snapshot();

        var read = () => CreateStore().TryGetAsync("alice", default);
        (await read.Should().ThrowAsync<TokenStoreException>()).Which.Message.Should().Contain(StorePath).And.Contain("damaged");
        var save = () => CreateStore().SaveAsync("alice", Sample("new"), default);
        await save.Should().ThrowAsync<TokenStoreException>();

        Snapshot().Should().Equal(before);
    }

    /// <summary>Every file beside the store (the store, its key, database side files) with its bytes.</summary>
    private List<(string, string)> Snapshot() =>
        System.IO.Directory.EnumerateFiles(Directory.Path).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).Order()
            .Select(f => (Path.GetFileName(f), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))).ToList();
}

public sealed class FileTokenStoreContractTests : FileBackedTokenStoreContract
{
    protected override string StoreFileName => "tokens.json";

    protected override ITokenStore CreateStore(byte[]? key = null, TimeProvider? time = null, TimeSpan? lockTimeout = null) =>
        new FileTokenStore(Options(key, lockTimeout), time ?? TimeProvider.System, Logs.For<FileTokenStore>());
}

public sealed class SqliteTokenStoreContractTests : FileBackedTokenStoreContract
{
    protected override string StoreFileName => "tokens.db";

    protected override ITokenStore CreateStore(byte[]? key = null, TimeProvider? time = null, TimeSpan? lockTimeout = null) =>
        new SqliteTokenStore(Options(key, lockTimeout), time ?? TimeProvider.System, Logs.For<SqliteTokenStore>());
}
