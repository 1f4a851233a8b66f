using System.Security.Claims;
using System.Threading.Channels;
using ModelContextProtocol.Protocol;

namespace OuraMcp.Server.Tests.People;

/// <summary>
/// Test-only authentication on an in-memory MCP transport: every incoming message carries the principal its
/// connection's bearer token validated to, as the SDK's HTTP transport attaches the HTTP request's user
/// (<see cref="JsonRpcMessageContext.User"/>). The server sees nothing but that principal.
/// </summary>
internal sealed class AuthenticatedTransport : ITransport
{
    private readonly ITransport _inner;
    private readonly ClaimsPrincipal _user;
    private readonly Channel<JsonRpcMessage> _incoming = Channel.CreateUnbounded<JsonRpcMessage>();
    private readonly Task _pump;

    public AuthenticatedTransport(ITransport inner, ClaimsPrincipal user)
    {
        _inner = inner;
        _user = user;
        _pump = PumpAsync();
    }

    public string? SessionId => _inner.SessionId;

    public ChannelReader<JsonRpcMessage> MessageReader => _incoming.Reader;

    public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default) => _inner.SendMessageAsync(message, cancellationToken);

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var message in _inner.MessageReader.ReadAllAsync())
            {
                message.Context ??= new JsonRpcMessageContext();
                message.Context.User = _user;
                await _incoming.Writer.WriteAsync(message);
            }
        }
        finally
        {
            _incoming.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}

/// <summary>The test's token validation: a known bearer is a signed-in subject; anything else is nobody.</summary>
internal static class TestBearer
{
    public const string Scheme = "TestBearer";

    public static ClaimsPrincipal Validate(string? bearer, IReadOnlyDictionary<string, string> subjects) =>
        bearer is not null && subjects.TryGetValue(bearer, out var subject)
            ? new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", subject)], Scheme))
            : new ClaimsPrincipal(new ClaimsIdentity());
}
