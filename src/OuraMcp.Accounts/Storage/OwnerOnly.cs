namespace OuraMcp.Accounts.Storage;

/// <summary>Owner-only files and directories: tokens are as good as the person's password to their health data.</summary>
internal static class OwnerOnly
{
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode Shared =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, DirectoryMode700);
    }

    /// <summary>Refuses a file that other users can read or write: a store must not be trusted or used once exposed.</summary>
    public static void EnsureNotShared(string path, string mode)
    {
        if (OperatingSystem.IsWindows()) return;
        if ((File.GetUnixFileMode(path) & Shared) != 0)
            throw new TokenStoreException($"{path} is readable or writable by other users: run chmod {mode} {path} (and consider signing in again if others could have read it).");
    }

    public static FileStream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode600;
        return new FileStream(path, options);
    }

    public static void WriteNewFile(string path, ReadOnlySpan<byte> content)
    {
        using var stream = CreateNew(path);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Opens (creating owner-only) a file exclusively; throws <see cref="IOException"/> while another holder has it.</summary>
    public static FileStream OpenExclusive(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode600;
        return new FileStream(path, options);
    }

    /// <summary>Creates an empty owner-only file if none exists (so a database engine inherits the mode).</summary>
    public static void Touch(string path)
    {
        try { using var _ = CreateNew(path); }
        catch (IOException) when (File.Exists(path)) { }
    }
}
