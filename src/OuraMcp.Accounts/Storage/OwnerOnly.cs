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
        try
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
            else Directory.CreateDirectory(directory, DirectoryMode700);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TokenStoreException(
                $"Cannot create the folder {directory} for the token store ({(e is UnauthorizedAccessException ? "permission denied" : "a file is in the way or the disk refused")}). " +
                "Create it yourself, owner-only, or set OURA_TOKEN_STORE to a file in a folder you can write.", e);
        }
    }

    /// <summary>
    /// Refuses what the store must not read or replace at <paramref name="path"/>: a symbolic link (replacing or
    /// chmod-ing it would act on a file the store does not own; a dangling one would be written through) and a
    /// directory. <paramref name="what"/> names the file in the sentence ("the token store", "its key file").
    /// </summary>
    public static void EnsureOwnFileOrNothing(string path, string what)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            throw new TokenStoreException(
                $"{path} ({what}) is a symbolic link to {target}; the store only reads and replaces a regular file of its own. " +
                $"Remove the link and sign in again, or point OURA_TOKEN_STORE at the real file.");
        }

        if (Directory.Exists(path))
        {
            throw new TokenStoreException(
                $"{path} ({what}) is a directory, not a file. Move it aside; the store then creates the file when you sign in.");
        }
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
