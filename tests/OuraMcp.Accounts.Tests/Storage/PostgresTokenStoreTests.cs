using System.Security.Cryptography;
using Npgsql;
using OuraMcp.Accounts.Refresh;
using OuraMcp.Accounts.Storage;
using OuraMcp.Accounts.Tests.Support;
using OuraMcp.Testing;

namespace OuraMcp.Accounts.Tests.Storage;

/// <summary>
/// The shared store contract over a real PostgreSQL server, plus what only this store promises: locks per account
/// (two people's refreshes run side by side), placeholder rows that leave no trace, and errors that never show the
/// database password. Each test runs in a schema of its own.
/// </summary>
[RequiresPostgres]
public sealed class PostgresTokenStoreContractTests : TokenStoreContract
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly string _schema = "";
    private readonly string _connectionString = "";

    public PostgresTokenStoreContractTests()
    {
        // Without a server the tests are discovered as skipped (locally), or must fail saying why (CI).
        if (PostgresTestServer.IsAvailable) _connectionString = PostgresTestServer.CreateSchema(out _schema);
        else if (PostgresTestServer.InCi) throw new InvalidOperationException(PostgresTestServer.MissingReason);
    }

    public override void Dispose()
    {
        if (_schema.Length > 0) PostgresTestServer.DropSchema(_connectionString, _schema);
    }

    protected override string ExpectedLocation => Store().Location;

    protected override ITokenStore CreateStore(byte[]? key = null, TimeProvider? time = null, TimeSpan? lockTimeout = null) =>
        Store(key, time, lockTimeout);

    private PostgresTokenStore Store(byte[]? key = null, TimeProvider? time = null, TimeSpan? lockTimeout = null, string? connectionString = null) =>
        new(new PostgresTokenStoreOptions { ConnectionString = connectionString ?? _connectionString, Key = key ?? _key, LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(30) },
            time ?? TimeProvider.System, Logs.For<PostgresTokenStore>());

    [PostgresFact]
    public async Task Two_accounts_refresh_side_by_side_both_at_the_token_endpoint_at_once()
    {
        await using var fake = await FakeOAuthHost.StartAsync(TimeProvider.System);
        var alice = await SeedAsync(fake, Store(), "alice");
        var bob = await SeedAsync(fake, Store(), "bob");
        var forAlice = Provider(fake, Store(), new TokenRefreshCoordinator(), TimeProvider.System, "alice");
        var forBob = Provider(fake, Store(), new TokenRefreshCoordinator(), TimeProvider.System, "bob");
        // Each refresh holds its account's lock while it waits at the token endpoint: both are seen waiting there together
        // only if one account's lock does not hold up the other's.
        var gate = new TaskCompletionSource();
        fake.Server.TokenGate = gate.Task;

        var both = RunTogether(2, i => i == 0
            ? forAlice.RefreshAfterRejectionAsync(alice.AccessToken, default).AsTask()
            : forBob.RefreshAfterRejectionAsync(bob.AccessToken, default).AsTask());
        await WaitUntilAsync(() => fake.Server.TokenRequestsHeld == 2 || both.IsCompleted);

        fake.Server.TokenRequestsHeld.Should().Be(2, "one account's lock must not hold up another's refresh");
        gate.SetResult();
        var tokens = await both;
        fake.Server.RefreshesServed.Should().Be(2);
        tokens.Should().OnlyContain(t => t != null && fake.Server.IsAccessTokenValid(t));
    }

    [PostgresFact]
    public async Task A_held_lock_on_one_account_leaves_another_account_free_and_the_same_account_waiting()
    {
        var holder = Store();
        await holder.SaveAsync("alice", Sample("a"), default);
        var held = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var holding = holder.WithAccountLockAsync("alice", async _ => { held.SetResult(); await release.Task; return true; }, default);
        await held.Task;

        var forBob = Store(lockTimeout: TimeSpan.FromSeconds(2));
        var other = await forBob.WithAccountLockAsync("bob", async ct =>
        {
            await forBob.SaveAsync("bob", Sample("b"), ct);
            return true;
        }, default).WaitAsync(TimeSpan.FromSeconds(5));
        var waiterName = "waiter-" + _schema;
        var sameAccount = Store(connectionString: Named(waiterName)).WithAccountLockAsync("alice", _ => Task.FromResult("entered"), default);
        await WaitUntilAsync(() => IsWaitingForALockAsync(waiterName));

        other.Should().BeTrue();
        sameAccount.IsCompleted.Should().BeFalse("alice's lock is still held");
        release.SetResult();
        (await holding).Should().BeTrue();
        (await sameAccount.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be("entered");
    }

    [PostgresFact]
    public async Task A_save_outside_the_lock_waits_for_a_held_lock_only_as_long_as_the_lock_timeout()
    {
        var holder = Store();
        await holder.SaveAsync("alice", Sample("a"), default);
        var held = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var holding = holder.WithAccountLockAsync("alice", async _ => { held.SetResult(); await release.Task; return true; }, default);
        await held.Task;

        var save = () => Store(lockTimeout: TimeSpan.FromMilliseconds(300)).SaveAsync("alice", Sample("late"), default);

        (await save.Should().ThrowAsync<TokenStoreException>()).Which.Message.Should().Contain("another oura-mcp process").And.Contain("55P03");
        release.SetResult();
        await holding;
        (await Store().TryGetAsync("alice", default))!.RefreshToken.Should().Be("refresh-a");
    }

    [PostgresFact]
    public async Task An_account_never_seen_can_be_locked_and_leaves_no_row_behind()
    {
        var first = Store();
        var second = Store();
        var inside = 0;
        var overlaps = 0;

        async Task<bool> Critical(CancellationToken ct)
        {
            if (Interlocked.Increment(ref inside) > 1) Interlocked.Increment(ref overlaps);
            await Task.Delay(10, ct);
            Interlocked.Decrement(ref inside);
            return true;
        }

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).WithAccountLockAsync("newcomer", Critical, default))));

        overlaps.Should().Be(0, "a placeholder row gives the lock something to hold before the first sign-in");
        (await Store().ListAccountsAsync(default)).Should().BeEmpty();
        (await Store().TryGetAsync("newcomer", default)).Should().BeNull();
        (await CountRowsAsync()).Should().Be(0, "placeholders are removed when their lock ends");
    }

    [PostgresFact]
    public async Task Tokens_saved_under_the_lock_are_kept_and_a_removal_under_the_lock_hands_over_a_fresh_lock()
    {
        var store = Store();
        // A first sign-in under the lock turns the placeholder into the account's row.
        await store.WithAccountLockAsync("alice", async ct => { await store.SaveAsync("alice", Sample("1"), ct); return true; }, default);
        (await Store().TryGetAsync("alice", default))!.RefreshToken.Should().Be("refresh-1");

        var removed = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var remover = store.WithAccountLockAsync("alice", async ct =>
        {
            var gone = await store.RemoveAsync("alice", ct);
            removed.SetResult();
            await release.Task;
            return gone;
        }, default);
        await removed.Task;
        var waiterEntered = new TaskCompletionSource();
        var waiterName = "waiter-" + _schema;
        var waiter = Store(connectionString: Named(waiterName)).WithAccountLockAsync("alice", async _ => { waiterEntered.SetResult(); return await Task.FromResult(true); }, default);
        await WaitUntilAsync(() => IsWaitingForALockAsync(waiterName));
        waiterEntered.Task.IsCompleted.Should().BeFalse("the removed row is still locked until its transaction ends");

        release.SetResult();
        (await remover).Should().BeTrue();
        (await waiter.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeTrue("the waiter locks a new row when the one it waited for is deleted");
        (await Store().TryGetAsync("alice", default)).Should().BeNull();
        (await CountRowsAsync()).Should().Be(0);
    }

    [PostgresFact]
    public async Task A_wrong_password_is_reported_by_database_without_the_password()
    {
        var password = "wrong-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var wrong = new NpgsqlConnectionStringBuilder(_connectionString) { Password = password }.ConnectionString;
        var store = Store(connectionString: wrong);

        var read = () => store.TryGetAsync("alice", default);

        var error = (await read.Should().ThrowAsync<TokenStoreException>()).Which;
        error.Message.Should().Contain(store.Location).And.Contain("refused the sign-in").And.Contain("28P01");
        Secrets.ShouldNotAppearIn([password, PostgresTestServer.Password], [.. Secrets.TextsOf(error), .. Logs.Lines, store.Location]);
    }

    [PostgresFact]
    public async Task Unreachable_servers_missing_databases_and_malformed_strings_never_show_the_password()
    {
        var real = PostgresTestServer.Password;
        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        var texts = new List<string>();

        var closedPort = new NpgsqlConnectionStringBuilder(_connectionString) { Port = 1, Timeout = 3 }.ConnectionString;
        var unreachable = () => Store(connectionString: closedPort).ListAccountsAsync(default);
        var down = (await unreachable.Should().ThrowAsync<TokenStoreException>()).Which;
        down.Message.Should().Contain("Could not reach the token database").And.Contain("127.0.0.1:1");
        texts.AddRange(Secrets.TextsOf(down));

        var noDatabase = new NpgsqlConnectionStringBuilder(_connectionString) { Database = "no_such_database" }.ConnectionString;
        var missing = () => Store(connectionString: noDatabase).ListAccountsAsync(default);
        texts.AddRange(Secrets.TextsOf((await missing.Should().ThrowAsync<TokenStoreException>()).Which));

        // An unquoted ';' in the password: a parser would take the rest for a keyword, so nothing of it may be quoted.
        var malformed = $"Host={builder.Host};Port={builder.Port};Username={builder.Username};Password=se;cret{real}=x";
        var parse = () => Store(connectionString: malformed);
        var invalid = parse.Should().Throw<TokenStoreException>().Which;
        invalid.Message.Should().Contain("OURA_TOKEN_STORE is not valid");
        texts.AddRange(Secrets.TextsOf(invalid));
        var badUri = () => Store(connectionString: $"postgres://u:{real}@host:notaport/db");
        texts.AddRange(Secrets.TextsOf(badUri.Should().Throw<TokenStoreException>().Which));

        Secrets.ShouldNotAppearIn([real, $"cret{real}"], [.. texts, .. Logs.Lines]);
    }

    [PostgresFact]
    public async Task A_postgres_uri_in_OURA_TOKEN_STORE_selects_this_store_and_its_description_hides_the_password()
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        var uri = $"postgres://{Uri.EscapeDataString(builder.Username!)}:{Uri.EscapeDataString(builder.Password!)}@{builder.Host}:{builder.Port}/{Uri.EscapeDataString(builder.Database!)}?sslmode=disable&search%20path={_schema}";
        var key = Convert.ToBase64String(_key);
        var options = FileTokenStoreOptions.FromEnvironment(v => v switch { "OURA_TOKEN_STORE" => uri, "OURA_TOKEN_STORE_KEY" => key, _ => null });

        var store = TokenStores.Create(options, TimeProvider.System);
        await store.SaveAsync("alice", Sample("uri"), default);

        store.Should().BeOfType<PostgresTokenStore>();
        options.IsPostgres.Should().BeTrue();
        options.IsSqlite.Should().BeFalse();
        options.Path.Should().Be(store.Location).And.NotContain(builder.Password!);
        store.Location.Should().Be($"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database} (schema {_schema})");
        (await Store().TryGetAsync("alice", default))!.RefreshToken.Should().Be("refresh-uri", "the URI and the keyword form reach the same rows");
    }

    /// <summary>This test's connection string, with an application name that pg_stat_activity shows.</summary>
    private string Named(string applicationName) =>
        new NpgsqlConnectionStringBuilder(_connectionString) { ApplicationName = applicationName }.ConnectionString;

    /// <summary>Whether a session of that name is blocked on a lock now: PostgreSQL's own word, not a guess from elapsed time.</summary>
    private async Task<bool> IsWaitingForALockAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = @name AND wait_event_type = 'Lock'", connection);
        query.Parameters.AddWithValue("name", applicationName);
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    /// <summary>Waits for the condition, a minute at most; the assertion after it says what was not reached.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    private async Task<long> CountRowsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM oura_mcp_tokens", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}

/// <summary>How <c>OURA_TOKEN_STORE</c> selects the PostgreSQL store; needs no server.</summary>
public sealed class PostgresStoreSelectionTests
{
    [Fact]
    public void A_keyword_connection_string_selects_this_store_and_a_missing_key_is_refused_with_how_to_make_one()
    {
        var options = FileTokenStoreOptions.FromEnvironment(v => v == "OURA_TOKEN_STORE" ? "Host=db.internal;Database=oura;Username=oura;Password=s3cret-pw" : null);

        options.IsPostgres.Should().BeTrue();
        options.Path.Should().Be("postgresql://oura@db.internal:5432/oura");
        var create = () => TokenStores.Create(options, TimeProvider.System);
        var error = create.Should().Throw<TokenStoreException>().Which;
        error.Message.Should().Contain("OURA_TOKEN_STORE_KEY").And.Contain("openssl rand -base64 32").And.NotContain("s3cret-pw");
        FileTokenStoreOptions.FromEnvironment(v => v == "OURA_TOKEN_STORE" ? "/srv/oura/tokens.db" : null).IsPostgres.Should().BeFalse();
    }
}
