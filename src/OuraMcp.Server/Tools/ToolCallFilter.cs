using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Accounts.Storage;
using OuraMcp.Oura.Errors;
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
            try
            {
                if (context.Params is { } call && context.Services?.GetService<ToolCatalog>() is { } catalog && catalog.TryGet(name, out var tool))
                {
                    call.Arguments = ExpandLoneCursor(name, call.Arguments, context.Services!.GetRequiredService<CursorCodec>());
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
            catch (OuraApiException e) when (Hosting.InChatSignIn.IsSignInProblem(e) && context.Services?.GetService<Hosting.InChatSignIn>() is { } signIn)
            {
                // No usable sign-in, and a way to sign in from here: offer Oura's page to the client when it can show one.
                Log.OuraRefused(Logger(context), name, e.GetType().Name, (int?)e.StatusCode);
                return Error(await signIn.OfferAsync(context.Server, e.Message, cancellationToken).ConfigureAwait(false));
            }
            catch (OuraUnauthorizedException e) when (!e.Message.Contains(SignInHint, StringComparison.Ordinal) && e.Message != Hosting.SignedOutOuraClient.Message)
            {
                // The client's 401 sentence says to sign in again but not how; here is the one place that knows this server's ways.
                Log.OuraRefused(Logger(context), name, e.GetType().Name, (int?)e.StatusCode);
                return Error(e.Message + " " + SignInHint);
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
        };

    /// <summary>How a person signs in to this server, added to Oura's 401 answers.</summary>
    public const string SignInHint =
        "To sign in: run `OuraMcp.Server auth login`, or set OURA_ACCESS_TOKEN to a valid Oura access token, then restart the server.";

    /// <summary>An error answer: text only, so it validates against any output schema.</summary>
    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };

    private static IDictionary<string, JsonElement>? ExpandLoneCursor(string tool, IDictionary<string, JsonElement>? arguments, CursorCodec cursors)
    {
        if (arguments is not { Count: 1 } || !arguments.TryGetValue(Cursors.ArgumentName, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return arguments;
        }

        var state = cursors.Decode(value.GetString()!, tool);
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
