using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Completion;

/// <summary>
/// The <c>completion/complete</c> handler, for prompt arguments and resource template arguments. A completion is a hint
/// while someone types: an unknown reference or argument, or data that cannot be read now, gets an empty list, never
/// an error.
/// </summary>
public static partial class CompletionHandler
{
    public static async ValueTask<CompleteResult> CompleteAsync(RequestContext<CompleteRequestParams> request, CancellationToken cancellationToken)
    {
        if (request.Params is not { Argument.Name: { } argument } call) return Completions.Empty;
        var services = request.Services!;
        Task<Person> Person() => WhoIsAsking.ResolveAsync(request, cancellationToken).AsTask();
        try
        {
            var candidates = call.Ref switch
            {
                PromptReference prompt => await services.GetRequiredService<PromptArgumentCandidates>()
                    .ForAsync(prompt.Name, argument, call.Context?.Arguments, Person, cancellationToken).ConfigureAwait(false),
                ResourceTemplateReference template when template.Uri is { } uri => await services.GetRequiredService<ResourceArgumentCandidates>()
                    .ForAsync(uri, argument, call.Context?.Arguments, Person, cancellationToken).ConfigureAwait(false),
                _ => [],
            };
            return Completions.Of(candidates, call.Argument.Value);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (services.GetService<ILoggerFactory>()?.CreateLogger("OuraMcp.Server.Completion") is { } logger) LogUnanswered(logger, argument, e.GetType().Name);
            return Completions.Empty;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Completion of {Argument} answered empty: {Error}")]
    private static partial void LogUnanswered(ILogger logger, string argument, string error);
}
