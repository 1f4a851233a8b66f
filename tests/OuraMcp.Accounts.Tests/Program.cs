using OuraMcp.Accounts.Tests.Storage;

namespace OuraMcp.Accounts.Tests;

/// <summary>The test assembly's entry point, used only as a child process by tests that kill a writer mid-write.</summary>
internal static class Program
{
    public static int Main(string[] args) => args switch
    {
        ["store-writer", var path] => StoreWriter.Run(path),
        _ => 2,
    };
}
