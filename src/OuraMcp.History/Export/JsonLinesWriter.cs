using System.Text;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.History.Export;

/// <summary>Each collection's raw documents, one JSON object a line, in a file per collection.</summary>
internal static class JsonLinesWriter
{
    public static async Task WriteFolderAsync(IReadOnlyList<(OuraCollection Collection, IReadOnlyList<HistoryDocument> Documents)> collections, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        foreach (var (collection, documents) in collections)
        {
            var writer = new StreamWriter(Path.Combine(folder, collection.Name.ToLowerInvariant() + ".jsonl"), false, new UTF8Encoding(false));
            await using var writerDisposal = writer.ConfigureAwait(false);
            foreach (var document in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(document.Json).ConfigureAwait(false);
            }
        }
    }
}
