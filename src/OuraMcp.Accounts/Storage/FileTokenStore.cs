using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Accounts.Storage;

/// <summary>
/// The default store: one AES-GCM-encrypted JSON file, owner-only, replaced atomically (temp file in the same
/// directory, flushed to disk, renamed over the old one), so a crash at any instant leaves the old or the new content.
/// Writers serialize on <c>tokens.lock</c> (an exclusive <see cref="FileShare.None"/> open, which .NET implements with
/// <c>flock</c> on Unix), and every read goes to disk, so whatever runs under the lock sees the latest store.
/// </summary>
public sealed partial class FileTokenStore : ITokenStore
{
    private static readonly byte[] AssociatedData = Encoding.ASCII.GetBytes("oura-mcp-tokens/v1");

    private readonly FileTokenStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TokenStoreKey _key;
    // Threads of this instance queue here instead of spinning on the lock file; other instances and processes meet at the file.
    private readonly SemaphoreSlim _instanceGate = new(1, 1);
    private readonly AsyncLocal<object?> _heldBy = new();

    public FileTokenStore(FileTokenStoreOptions options, TimeProvider timeProvider, ILogger<FileTokenStore>? logger = null)
    {
        _options = options;
        _time = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _key = new TokenStoreKey(options.Key, options.KeyFilePath);
    }

    public string Location => _options.Path;

    public async Task<OuraTokenSet?> TryGetAsync(string account, CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken).ConfigureAwait(false)).Accounts.GetValueOrDefault(account);

    public async Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken).ConfigureAwait(false)).Accounts.Keys.Order(StringComparer.Ordinal).ToList();

    public Task SaveAsync(string account, OuraTokenSet tokens, CancellationToken cancellationToken) =>
        WithStoreLockAsync(async ct =>
        {
            // Read first: a store that cannot be read must never be replaced by one holding only this account.
            var content = await ReadAsync(ct).ConfigureAwait(false);
            content.Accounts[account] = tokens;
            await WriteAsync(content, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<bool> RemoveAsync(string account, CancellationToken cancellationToken) =>
        WithStoreLockAsync(async ct =>
        {
            var content = await ReadAsync(ct).ConfigureAwait(false);
            if (!content.Accounts.Remove(account)) return false;
            await WriteAsync(content, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <remarks>The lock covers the whole file (a write replaces every account), so it is per store rather than per account.</remarks>
    public Task<T> WithAccountLockAsync<T>(string account, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken) =>
        WithStoreLockAsync(action, cancellationToken);

    private async Task<T> WithStoreLockAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(_heldBy.Value, this)) return await action(cancellationToken).ConfigureAwait(false);

        using var timeout = new CancellationTokenSource(_options.LockTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        FileStream? lockFile = null;
        try
        {
            await _instanceGate.WaitAsync(linked.Token).ConfigureAwait(false);
            try
            {
                OwnerOnly.EnsureDirectory(Path.GetDirectoryName(_options.Path)!);
                lockFile = await AcquireLockFileAsync(linked.Token).ConfigureAwait(false);
            }
            catch
            {
                _instanceGate.Release();
                throw;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TokenStoreException($"Timed out after {_options.LockTimeout.TotalSeconds:0} s waiting for the lock {_options.LockFilePath}: another oura-mcp process is holding it (a sign-in or token refresh in progress). Try again; if no other process is running, the lock is stale only if a file system does not release locks, so check the file system.");
        }

        try
        {
            _heldBy.Value = this;
            RemoveStaleTemporaryFiles();
            return await action(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _heldBy.Value = null;
            await lockFile.DisposeAsync().ConfigureAwait(false);
            _instanceGate.Release();
        }
    }

    private async Task<FileStream> AcquireLockFileAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(5);
        var waited = false;
        while (true)
        {
            try
            {
                return OwnerOnly.OpenExclusive(_options.LockFilePath);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new TokenStoreException($"Cannot open the lock file {_options.LockFilePath}: permission denied. It must belong to the user running oura-mcp.", e);
            }
            catch (IOException)
            {
                // Held by another process or store instance: back off (jittered, so waiters do not move in step) and retry.
                if (!waited) { LogWaitingForLock(_logger, _options.LockFilePath); waited = true; }
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 5)), _time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
            }
        }
    }

    private async Task<StoreContent> ReadAsync(CancellationToken cancellationToken)
    {
        var path = _options.Path;
        byte[] bytes;
        try
        {
            OwnerOnly.EnsureOwnFileOrNothing(path, "the token store");
            if (!File.Exists(path)) return new StoreContent(new Dictionary<string, OuraTokenSet>(StringComparer.Ordinal));
            OwnerOnly.EnsureNotShared(path, "600");
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new TokenStoreException($"Cannot read {path}: permission denied. It must belong to the user running oura-mcp.", e);
        }

        SealedStoreFile? file;
        try { file = JsonSerializer.Deserialize(bytes, AccountsJson.Default.SealedStoreFile); }
        catch (JsonException e) { throw Damaged(path, e); }
        if (file is null || file.Format != SealedStoreFile.FormatName || file.Cipher != SealedStoreFile.CipherName || file.Version != SealedStoreFile.CurrentVersion)
            throw Damaged(path, null);

        var key = _key.Get(create: false) ?? throw new TokenStoreException(
            $"Could not decrypt {path}: its key file {_key.KeyFilePath} is missing. Restore that file, or set {FileTokenStoreOptions.KeyVariable} to the key the store was written with; otherwise move {path} aside and run `OuraMcp.Server auth login` again.");
        byte[] plaintext;
        try
        {
            plaintext = new TokenCipher(key).Open(Convert.FromBase64String(file.Data), AssociatedData);
        }
        catch (FormatException e) { throw Damaged(path, e); }
        catch (CryptographicException e)
        {
            throw new TokenStoreException(
                $"Could not decrypt {path}: {_key.Description} does not match the key it was written with (or the file was altered). Use the original key; otherwise move {path} aside and run `OuraMcp.Server auth login` again.", e);
        }

        try
        {
            var content = JsonSerializer.Deserialize(plaintext, AccountsJson.Default.StoreContent) ?? throw Damaged(path, null);
            return new StoreContent(new Dictionary<string, OuraTokenSet>(content.Accounts, StringComparer.Ordinal));
        }
        catch (JsonException e) { throw Damaged(path, e); }
        finally { CryptographicOperations.ZeroMemory(plaintext); }
    }

    private static TokenStoreException Damaged(string path, Exception? inner) =>
        new($"{path} is damaged (not a token store this version can read). It was left untouched: move it aside and run `OuraMcp.Server auth login` again.", inner);

    private async Task WriteAsync(StoreContent content, CancellationToken cancellationToken)
    {
        var path = _options.Path;
        OwnerOnly.EnsureOwnFileOrNothing(path, "the token store");
        var key = _key.Get(create: true)!;
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(content, AccountsJson.Default.StoreContent);
        var file = new SealedStoreFile(SealedStoreFile.FormatName, SealedStoreFile.CurrentVersion, SealedStoreFile.CipherName,
            Convert.ToBase64String(new TokenCipher(key).Seal(plaintext, AssociatedData)));
        CryptographicOperations.ZeroMemory(plaintext);

        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = OwnerOnly.CreateNew(temp);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, file, AccountsJson.Default.SealedStoreFile, cancellationToken).ConfigureAwait(false);
                // fsync before the rename: otherwise a power loss can leave the new name pointing at empty data.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TokenStoreException($"Could not write {path}: {e.GetType().Name}. The previous content is unchanged; check free space and that the directory belongs to the user running oura-mcp.", e);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Temporary files left by a writer that was killed mid-write; only called under the lock, when no one else writes.</summary>
    private void RemoveStaleTemporaryFiles()
    {
        var directory = Path.GetDirectoryName(_options.Path)!;
        if (!Directory.Exists(directory)) return;
        foreach (var stale in Directory.EnumerateFiles(directory, $".{Path.GetFileName(_options.Path)}.*.tmp"))
        {
            try { File.Delete(stale); LogRemovedStaleFile(_logger, stale); }
            catch (IOException) { }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waiting for the token store lock {LockPath}")]
    private static partial void LogWaitingForLock(ILogger logger, string lockPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {TempPath}, left by a writer that stopped mid-write")]
    private static partial void LogRemovedStaleFile(ILogger logger, string tempPath);
}
