using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Accounts.OAuth;
using OuraMcp.Accounts.Storage;
using OuraMcp.Oura.Errors;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.People;
using OuraMcp.Server.Querying;

namespace OuraMcp.Server.Tools;

/// <summary>
/// Wraps every tool call once: checks the arguments, lets a cursor be sent alone, and turns every foreseeable failure
/// into an <c>isError</c> result whose text says what to do, with no structured content (a client validates
/// structured content against the output schema, errors included). The server stays up whatever a tool throws.
/// </summary>
public static partial class ToolCallFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var name = context.Params?.Name ?? "";
            using var activity = ServerTelemetry.StartToolCall(name);
            var started = Stopwatch.GetTimestamp();
            var outcome = "";
            try
            {
                var result = await AnswerAsync(next, context, name, cancellationToken).ConfigureAwait(false);
                outcome = result.IsError == true ? "error" : "ok";
                return result;
            }
            catch (Exception e)
            {
                outcome = e.GetType().Name;
                throw;
            }
            finally
            {
                if (outcome != "ok") activity?.SetStatus(ActivityStatusCode.Error).SetTag("error.type", outcome);
                ServerTelemetry.ToolCallDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new("gen_ai.tool.name", name), new("outcome", outcome));
            }
        };

    private static async ValueTask<CallToolResult> AnswerAsync(
        McpRequestHandler<CallToolRequestParams, CallToolResult> next, RequestContext<CallToolRequestParams> context, string name, CancellationToken cancellationToken)
    {
        try
        {
            // Who is asking comes first, from the validated identity: every later step reads that person.
            var person = await WhoIsAsking.ResolveAsync(context, cancellationToken).ConfigureAwait(false);
            if (context.Params is { } call && context.Services?.GetService<ToolCatalog>() is { } catalog && catalog.TryGet(name, out var tool))
            {
                call.Arguments = ExpandLoneCursor(name, call.Arguments, context.Services!.GetRequiredService<CursorCodec>(), person.Id);
                ArgumentCheck.Validate(tool.ProtocolTool, call.Arguments);
            }

            return await next(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (McpProtocolException)
        {
            throw;
        }
        catch (OuraApiException e) when (NeedsSignIn(e) is { } fallback)
        {
            Log.OuraRefused(Logger(context), name, e.GetType().Name, (int?)e.StatusCode);
            var how = fallback(Hint(context));
            // A local sign-in from the chat, where the host offers one: Oura's page goes to the client when it can show one.
            return context.Services?.GetService<Hosting.InChatSignIn>() is { } signIn
                ? Error(await signIn.OfferAsync(context.Server, how, cancellationToken).ConfigureAwait(false))
                : Error(how);
        }
        catch (OuraUnauthorizedException e)
        {
            // The client's 401 sentence says to sign in again but not how; the host knows how, and says it here.
            Log.OuraRefused(Logger(context), name, e.GetType().Name, (int?)e.StatusCode);
            return Error(e.Message + " " + Hint(context).SignInAgain);
        }
        catch (OuraApiException e)
        {
            Log.OuraRefused(Logger(context), name, e.GetType().Name, (int?)e.StatusCode);
            return Error(e.Message);
        }
        catch (TokenStoreException e)
        {
            // The store's messages name the file and the fix and never hold a secret; the stored sign-in is left as it was.
            Log.StoreFailed(Logger(context), name, e.Message);
            return Error(e.Message);
        }
        catch (McpException e)
        {
            return Error(e.Message);
        }
        catch (Exception e)
        {
            Log.ToolFailed(Logger(context), name, e);
            return Error($"{name} failed unexpectedly ({e.GetType().Name}). The server logged the details and is still running; try again, or with other arguments.");
        }
    }

    /// <summary>
    /// Whether a sign-in would fix <paramref name="error"/>, by its type: nobody signed in, or Oura no longer accepting
    /// the stored sign-in. Either way the host says how (<see cref="ISignInHint"/>). Null: a sign-in would not fix it.
    /// </summary>
    private static Func<ISignInHint, string>? NeedsSignIn(OuraApiException error) => error switch
    {
        OuraNotSignedInException => hint => error.Message + " " + hint.SignIn,
        OuraSignInRequiredException refused => hint => refused.Problem + " " + hint.SignInAgain,
        _ => null,
    };

    private static ISignInHint Hint(RequestContext<CallToolRequestParams> context) =>
        context.Services?.GetService<ISignInHint>() ?? new LocalSignInHint();

    /// <summary>An error answer: text only, so it validates against any output schema.</summary>
    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };

    // personId: who sends the cursor, which is good only for the person it was issued to.
    private static IDictionary<string, JsonElement>? ExpandLoneCursor(string tool, IDictionary<string, JsonElement>? arguments, CursorCodec cursors, string personId)
    {
        if (arguments is not { Count: 1 } || !arguments.TryGetValue(Cursors.ArgumentName, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return arguments;
        }

        var state = cursors.Decode(value.GetString()!, tool, personId);
        var expanded = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (k, v) in state.Args ?? [])
        {
            expanded[k] = JsonSerializer.SerializeToElement(v, Answers.ServerJsonContext.Default.JsonNode);
        }

        expanded[Cursors.ArgumentName] = value;
        return expanded;
    }

    private static ILogger Logger(RequestContext<CallToolRequestParams> context) =>
        context.Services?.GetService<ILoggerFactory>()?.CreateLogger("OuraMcp.Server.Tools") ?? NullLogger.Instance;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Tool {Tool}: Oura refused ({Error}, status {Status})")]
        public static partial void OuraRefused(ILogger logger, string tool, string error, int? status);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Tool {Tool}: the token store failed: {Reason}")]
        public static partial void StoreFailed(ILogger logger, string tool, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "Tool {Tool} failed unexpectedly")]
        public static partial void ToolFailed(ILogger logger, string tool, Exception exception);
    }
}
