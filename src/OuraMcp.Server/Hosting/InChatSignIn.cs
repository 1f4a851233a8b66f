using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Accounts.OAuth;
using OuraMcp.Accounts.Refresh;
using OuraMcp.Accounts.Storage;
using OuraMcp.Oura.Errors;
using OuraMcp.Server.Cli;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// Sign-in from the chat: when a data tool finds no usable sign-in (none stored, or Oura refused the refresh token)
/// and the client declared URL-mode elicitation, the server starts the same loopback sign-in as <c>auth login</c>
/// (same redirect port, state and PKCE), offers Oura's authorize URL through <c>elicitation/create</c> (mode
/// <c>url</c>), and finishes the sign-in in the background when the redirect arrives: code exchanged, tokens saved
/// under the account's lock, then <c>notifications/elicitation/complete</c>. The tool call itself answers with a
/// sentence saying the page was offered and to retry; the token never reaches the client or the model.
/// One sign-in runs at a time per process: a second call while one waits is pointed at it, not given a new listener.
/// </summary>
/// <remarks>
/// Why an elicitation request inside the call, not the -32042 URL-elicitation-required error: the spec lets a server
/// return that error ("MAY"), and the SDK suggests it where server-to-client requests are impossible (stateless HTTP).
/// Over stdio they are possible, and the request tells the server whether the person declined, so the answer can fall
/// back to the command at once; an <c>isError</c> tool result also reaches the model, which can tell the person what
/// happened and retry, where a JSON-RPC error is often shown only as a failed call.
/// </remarks>
public sealed partial class InChatSignIn : IAsyncDisposable
{
    /// <summary>Overrides the loopback port Oura redirects to (default: <c>auth login</c>'s, which the app registered).</summary>
    public const string RedirectPortVariable = "OURA_REDIRECT_PORT";

    /// <summary>Oura's authorization codes live 10 minutes: a sign-in that has not come back by then never will.</summary>
    private static readonly TimeSpan SignInTimeout = TimeSpan.FromMinutes(10);

    private readonly ServerSettings _settings;
    private readonly Func<string, string?> _environment;
    private readonly TimeProvider _time;
    private readonly TokenRefreshCoordinator _coordinator;
    private readonly ILoggerFactory? _loggers;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly StoredAccountTokenProvider _tokens;
    private Flow? _pending;
    private string? _lastFailure;

    public InChatSignIn(ServerSettings settings, StoredAccountTokenProvider tokens, TimeProvider time, TokenRefreshCoordinator coordinator, ILoggerFactory? loggers = null)
    {
        _tokens = tokens;
        _settings = settings;
        _environment = settings.AccountEnvironment ?? (_ => null);
        _time = time;
        _coordinator = coordinator;
        _loggers = loggers;
        _logger = loggers?.CreateLogger<InChatSignIn>() ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The elicitation message: what the person sees beside the URL.</summary>
    public string ElicitationMessage => $"Sign in to Oura to let me read your data (account '{_settings.Account}').";

    /// <summary>
    /// Offers the sign-in page to <paramref name="server"/>'s client when it can show one, and returns the sentence the
    /// tool answers with; <paramref name="fallback"/> (how to sign in from a terminal) when it cannot.
    /// </summary>
    public async Task<string> OfferAsync(McpServer server, string fallback, CancellationToken cancellationToken)
    {
        if (server.ClientCapabilities?.Elicitation?.Url is null) return fallback;
        // The same store and app credentials the tools refresh with; a configuration problem is told by the fallback.
        if (_tokens.SignInParts() is not var (store, options, http) || string.IsNullOrEmpty(options.ClientSecret)) return fallback;

        Flow flow;
        lock (_gate)
        {
            if (_pending is { } waiting) return PendingMessage(waiting);
            var earlier = Interlocked.Exchange(ref _lastFailure, null);
            var port = RedirectPort();
            try
            {
                var signIn = new OuraSignIn(new OAuthClient(http, options, _time, _loggers?.CreateLogger<OAuthClient>()), store);
                flow = new Flow(signIn.Begin(_settings.Account, redirectPort: port), Guid.NewGuid().ToString("N"), _time.GetUtcNow() + SignInTimeout, _time, earlier);
            }
            catch (TokenStoreException)
            {
                return fallback;
            }
            catch (Exception e) when (e is HttpListenerException or SocketException)
            {
                LogPortBusy(_logger, port, e.GetType().Name);
                return $"Could not listen for Oura's redirect on 127.0.0.1:{port} to offer the sign-in page here (is `auth login` running?). " + fallback;
            }
            _pending = flow;
        }

        // Listening before the page is offered: the redirect can arrive before the client answers the elicitation.
        flow.Completion = FinishInBackgroundAsync(flow, server);
        ElicitResult answer;
        try
        {
            answer = await server.ElicitAsync(new ElicitRequestParams
            {
                Mode = "url",
                ElicitationId = flow.ElicitationId,
                Url = flow.SignIn.AuthorizeUrl.AbsoluteUri,
                Message = ElicitationMessage,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await flow.CancelAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (e is McpException or InvalidOperationException or NotSupportedException)
        {
            // The client said it could, then could not: the terminal way still works.
            LogElicitationFailed(_logger, e.GetType().Name);
            await flow.CancelAsync().ConfigureAwait(false);
            return fallback;
        }

        LogOffered(_logger, _settings.Account, flow.ElicitationId, answer.Action);
        if (!answer.IsAccepted)
        {
            await flow.CancelAsync().ConfigureAwait(false);
            var what = answer.Action == "decline" ? "You declined the Oura sign-in page" : "The Oura sign-in page was dismissed";
            return $"{what}, so nothing was signed in. {fallback}";
        }

        return (flow.EarlierFailure is { } failure ? $"The previous sign-in did not complete: {failure} " : "") +
               $"Oura's sign-in page for account '{_settings.Account}' was offered through your MCP client. Once it says \"Signed in to Oura\", " +
               $"retry the request (no restart needed). The page works until {When(flow.Expires)}.";
    }

    private string PendingMessage(Flow waiting) =>
        $"A sign-in to Oura for account '{_settings.Account}' is already waiting: finish it on the Oura page offered earlier (it works until " +
        $"{When(waiting.Expires)}), then retry the request.";

    private async Task FinishInBackgroundAsync(Flow flow, McpServer server)
    {
        // Off the caller's stack: the tool call answers while this waits for the browser.
        await Task.Yield();
        var signedIn = false;
        try
        {
            var tokens = await flow.SignIn.CompleteAsync(flow.Cancellation.Token).ConfigureAwait(false);
            // Tokens cached for the account belong to the old sign-in: the next call reads the new one from the store.
            _coordinator.Forget(flow.SignIn.Account);
            signedIn = true;
            LogSignedIn(_logger, flow.SignIn.Account, tokens.ExpiresAt);
        }
        catch (OperationCanceledException) when (flow.Cancellation.IsCancellationRequested)
        {
            if (!flow.CancelledByServer) Volatile.Write(ref _lastFailure, $"no sign-in came back before {When(flow.Expires)}.");
        }
        catch (OuraAuthException e)
        {
            // These messages never hold a code, token or secret (see OuraAuthException).
            LogSignInFailed(_logger, flow.SignIn.Account, e.Message);
            Volatile.Write(ref _lastFailure, e.Message);
        }
        catch (TokenStoreException e)
        {
            LogSignInFailed(_logger, flow.SignIn.Account, e.Message);
            Volatile.Write(ref _lastFailure, e.Message);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or HttpRequestException)
        {
            LogSignInFailed(_logger, flow.SignIn.Account, e.GetType().Name);
        }
        finally
        {
            await flow.SignIn.DisposeAsync().ConfigureAwait(false);
            lock (_gate)
            {
                if (ReferenceEquals(_pending, flow)) _pending = null;
            }
        }

        if (!signedIn) return;
        try
        {
            await server.SendNotificationAsync(NotificationMethods.ElicitationCompleteNotification,
                new ElicitationCompleteNotificationParams { ElicitationId = flow.ElicitationId }, McpJsonUtilities.DefaultOptions, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The client may have gone; the sign-in is saved either way and the next call uses it.
            LogNotifyFailed(_logger, e.GetType().Name);
        }
    }

    private int RedirectPort() =>
        int.TryParse(_environment(RedirectPortVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : AuthCommand.DefaultRedirectPort;

    private static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Flow? pending;
        lock (_gate) pending = _pending;
        if (pending is not null) await pending.CancelAsync().ConfigureAwait(false);
    }

    private sealed class Flow(PendingSignIn signIn, string elicitationId, DateTimeOffset expires, TimeProvider time, string? earlierFailure)
    {
        public PendingSignIn SignIn { get; } = signIn;

        public string ElicitationId { get; } = elicitationId;

        public DateTimeOffset Expires { get; } = expires;

        public string? EarlierFailure { get; } = earlierFailure;

        public CancellationTokenSource Cancellation { get; } = new(expires - time.GetUtcNow(), time);

        public bool CancelledByServer { get; private set; }

        public Task Completion { get; set; } = Task.CompletedTask;

        /// <summary>Stops waiting (declined, cancelled, server stopping) and frees the port before returning.</summary>
        public async Task CancelAsync()
        {
            CancelledByServer = true;
            await Cancellation.CancelAsync().ConfigureAwait(false);
            try { await Completion.ConfigureAwait(false); }
            catch (Exception) when (Completion.IsFaulted || Completion.IsCanceled) { }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offered the Oura sign-in page for account {Account} to the client (elicitation {ElicitationId}); the client answered {Action}")]
    private static partial void LogOffered(ILogger logger, string account, string elicitationId, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed in account {Account} from the chat; the access token expires at {ExpiresAt:O}")]
    private static partial void LogSignedIn(ILogger logger, string account, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sign-in of account {Account} from the chat did not complete: {Reason}")]
    private static partial void LogSignInFailed(ILogger logger, string account, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not listen for Oura's redirect on port {Port} ({Error}); answering with the command instead")]
    private static partial void LogPortBusy(ILogger logger, int port, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The client declared URL elicitation but the request failed ({Error}); answering with the command instead")]
    private static partial void LogElicitationFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the client the sign-in completed ({Error})")]
    private static partial void LogNotifyFailed(ILogger logger, string error);
}
