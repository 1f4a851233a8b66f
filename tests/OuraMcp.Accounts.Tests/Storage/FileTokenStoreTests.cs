using System.Diagnostics;
using OuraMcp.Accounts.Storage;
using OuraMcp.Accounts.Tests.Support;
using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Accounts.Tests.Storage;

public sealed class FileTokenStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_writer_killed_at_twenty_points_mid_write_always_leaves_a_readable_store_with_old_or_new_tokens()
    {
        var path = Path.Combine(_directory.Path, "nested", "tokens.json");
        var store = new FileTokenStore(new FileTokenStoreOptions { Path = path }, TimeProvider.System);
        await store.SaveAsync("alice", StoreWriter.Generation(0), default);
        await store.SaveAsync("bob", StoreWriter.Generation(0), default);
        var random = new Random(20260305);

        for (var kill = 0; kill < 20; kill++)
        {
            var lastReported = await RunWriterAndKillAsync(path, killAfterGenerations: random.Next(1, 6), extraMilliseconds: random.Next(0, 15));

            var reader = new FileTokenStore(new FileTokenStoreOptions { Path = path }, TimeProvider.System);
            var alice = await reader.TryGetAsync("alice", default);
            var bob = await reader.TryGetAsync("bob", default);
            alice.Should().NotBeNull();
            bob.Should().NotBeNull();
            var a = Generation(alice!);
            var b = Generation(bob!);
            a.Should().BeGreaterThanOrEqualTo(lastReported, "a save that returned is durable");
            b.Should().BeOneOf(a, a - 1);
            alice!.RefreshToken.Should().Be($"refresh-{a}", "a token set is never torn");
        }

        // The store stays writable, and what killed writers left behind is cleaned up by the next writer.
        await store.SaveAsync("carol", StoreWriter.Generation(1), default);
        Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*.tmp").Should().BeEmpty();
        (await store.ListAccountsAsync(default)).Should().Equal("alice", "bob", "carol");
    }

    private static int Generation(OuraTokenSet tokens) => int.Parse(tokens.AccessToken["access-".Length..]);

    private static async Task<int> RunWriterAndKillAsync(string path, int killAfterGenerations, int extraMilliseconds)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", typeof(StoreWriter).Assembly.Location, "store-writer", path }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var lastReported = 0;
        var seen = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null || !int.TryParse(e.Data, out var n)) return;
            Volatile.Write(ref lastReported, n);
            if (Interlocked.Increment(ref seen) >= killAfterGenerations) enough.TrySetResult();
        };
        process.BeginOutputReadLine();
        try
        {
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(enough.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
            first.Should().Be(enough.Task, $"the writer should keep writing (stderr: {(process.HasExited ? await process.StandardError.ReadToEndAsync() : "")})");
            if (extraMilliseconds > 0) Thread.SpinWait(extraMilliseconds * 20_000);
        }
        finally
        {
            process.Kill(); // SIGKILL: no finally blocks, no flushing, the harshest stop short of a power cut
            await process.WaitForExitAsync();
        }
        return Volatile.Read(ref lastReported);
    }

    [Fact]
    public void The_default_location_follows_OURA_TOKEN_STORE_then_XDG_CONFIG_HOME_then_the_home_config_folder()
    {
        var explicitPath = FileTokenStoreOptions.FromEnvironment(v => v == "OURA_TOKEN_STORE" ? "/srv/oura/tokens.json" : null);
        var xdg = FileTokenStoreOptions.FromEnvironment(v => v == "XDG_CONFIG_HOME" ? "/home/p/.cfg" : null);
        var home = FileTokenStoreOptions.FromEnvironment(_ => null);

        explicitPath.Path.Should().Be("/srv/oura/tokens.json");
        explicitPath.KeyFilePath.Should().Be("/srv/oura/tokens.key");
        explicitPath.LockFilePath.Should().Be("/srv/oura/tokens.lock");
        xdg.Path.Should().Be("/home/p/.cfg/oura-mcp/tokens.json");
        home.Path.Should().Be(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "oura-mcp", "tokens.json"));
        FileTokenStoreOptions.FromEnvironment(v => v == "OURA_TOKEN_STORE" ? "/srv/oura/tokens.db" : null).IsSqlite.Should().BeTrue();
    }

    [Fact]
    public void A_key_variable_that_is_not_32_bytes_of_base64_is_refused_with_how_to_make_one()
    {
        var load = () => FileTokenStoreOptions.FromEnvironment(v => v == "OURA_TOKEN_STORE_KEY" ? Convert.ToBase64String(new byte[16]) : null);

        load.Should().Throw<TokenStoreException>().Which.Message.Should().Contain("openssl rand -base64 32");
    }

    [Fact]
    public async Task The_store_directory_is_created_owner_only()
    {
        var path = Path.Combine(_directory.Path, "oura-mcp", "tokens.json");
        await new FileTokenStore(new FileTokenStoreOptions { Path = path }, TimeProvider.System)
            .SaveAsync("alice", StoreWriter.Generation(1), default);

        File.GetUnixFileMode(Path.GetDirectoryName(path)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task A_store_whose_key_file_is_missing_says_so_and_is_not_overwritten()
    {
        var path = _directory.File("tokens.json");
        var options = new FileTokenStoreOptions { Path = path };
        await new FileTokenStore(options, TimeProvider.System).SaveAsync("alice", StoreWriter.Generation(1), default);
        File.Delete(options.KeyFilePath);
        var before = File.ReadAllBytes(path);

        var save = () => new FileTokenStore(options, TimeProvider.System).SaveAsync("bob", StoreWriter.Generation(2), default);

        (await save.Should().ThrowAsync<TokenStoreException>()).Which.Message.Should().Contain($"key file {options.KeyFilePath} is missing");
        File.ReadAllBytes(path).Should().Equal(before);
        File.Exists(options.KeyFilePath).Should().BeFalse("a new key would make the old store unreadable for good");
    }

    [Fact]
    public void Token_sets_never_print_their_tokens()
    {
        var tokens = StoreWriter.Generation(7);

        tokens.ToString().Should().NotContain("access-7").And.NotContain("refresh-7").And.Contain("[redacted]");
        $"{new { tokens }}".Should().NotContain("access-7");
    }
}
