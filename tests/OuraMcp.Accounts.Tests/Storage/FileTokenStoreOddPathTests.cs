using OuraMcp.Accounts.Storage;
using OuraMcp.Accounts.Tests.Support;

namespace OuraMcp.Accounts.Tests.Storage;

/// <summary>
/// What can sit where the store's files should be: each case is a sentence saying what is actually wrong, never a
/// crash, never "not signed in" when something is in the way, and never advice to change a file the store does not own.
/// </summary>
public sealed class FileTokenStoreOddPathTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string StorePath => Path.Combine(_directory.Path, "tokens.json");

    private FileTokenStore Store() => new(new FileTokenStoreOptions { Path = StorePath }, TimeProvider.System);

    [Fact]
    public async Task A_dangling_symlink_in_place_of_the_store_is_named_on_read_save_and_remove()
    {
        File.CreateSymbolicLink(StorePath, Path.Combine(_directory.Path, "gone.json"));

        foreach (var act in Operations(Store()))
        {
            (await act.Should().ThrowAsync<TokenStoreException>()).Which.Message.Should().Contain("is a symbolic link").And.Contain("gone.json");
        }

        File.Exists(Path.Combine(_directory.Path, "gone.json")).Should().BeFalse("nothing was written through the link");
    }

    [Fact]
    public async Task A_symlink_to_another_file_is_refused_without_advising_chmod_on_the_target()
    {
        var other = Path.Combine(_directory.Path, "someone-elses.json");
        await File.WriteAllTextAsync(other, "{}");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(other, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        File.CreateSymbolicLink(StorePath, other);

        var e = await Store().Invoking(s => s.TryGetAsync("default", default)).Should().ThrowAsync<TokenStoreException>();

        e.Which.Message.Should().Contain("is a symbolic link").And.NotContain("chmod");
        (await File.ReadAllTextAsync(other)).Should().Be("{}");
    }

    [Fact]
    public async Task A_directory_in_place_of_the_store_is_named_rather_than_reported_as_not_signed_in()
    {
        Directory.CreateDirectory(StorePath);

        foreach (var act in Operations(Store()))
        {
            (await act.Should().ThrowAsync<TokenStoreException>()).Which.Message.Should().Contain("is a directory, not a file");
        }
    }

    [Fact]
    public async Task A_directory_in_place_of_the_key_file_is_named()
    {
        Directory.CreateDirectory(Path.Combine(_directory.Path, "tokens.key"));

        var e = await Store().Invoking(s => s.SaveAsync("default", StoreWriter.Generation(0), default)).Should().ThrowAsync<TokenStoreException>();

        e.Which.Message.Should().Contain("tokens.key").And.Contain("is a directory");
    }

    [Fact]
    public async Task A_store_folder_that_cannot_be_created_is_named()
    {
        var blocker = Path.Combine(_directory.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "");
        var store = new FileTokenStore(new FileTokenStoreOptions { Path = Path.Combine(blocker, "oura-mcp", "tokens.json") }, TimeProvider.System);

        var e = await store.Invoking(s => s.SaveAsync("default", StoreWriter.Generation(0), default)).Should().ThrowAsync<TokenStoreException>();

        e.Which.Message.Should().StartWith("Cannot create the folder").And.Contain("OURA_TOKEN_STORE");
    }

    private static IEnumerable<Func<Task>> Operations(FileTokenStore store) =>
    [
        () => store.TryGetAsync("default", default),
        () => store.SaveAsync("default", StoreWriter.Generation(0), default),
        () => store.RemoveAsync("default", default),
    ];
}
