using Microsoft.Extensions.Logging;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Tests;

/// <summary>The stdio server's log: a request its client cancelled is left out; a real failure keeps its stack trace.</summary>
public sealed class StderrLogTests
{
    private const string SdkCategory = "ModelContextProtocol.Server.McpServer";

    [Fact]
    public void A_request_the_client_cancelled_is_left_out_and_a_failing_handler_is_logged_with_its_stack_trace()
    {
        var stderr = new StringWriter();
        using var provider = new StderrLoggerProvider(stderr);
        var sdk = provider.CreateLogger(SdkCategory);

        sdk.LogWarning(Thrown(new OperationCanceledException()), "tools/call request handler failed");
        stderr.ToString().Should().BeEmpty("the client cancelled the call; that is not the server's fault");

        sdk.LogWarning(Thrown(new InvalidOperationException("broken")), "resources/read request handler failed");
        stderr.ToString().Should().Contain("warn: " + SdkCategory + ": resources/read request handler failed").And.Contain("broken").And.Contain("   at ");
    }

    [Fact]
    public void A_cancellation_logged_by_the_server_itself_is_kept()
    {
        var stderr = new StringWriter();
        using var provider = new StderrLoggerProvider(stderr);

        provider.CreateLogger("OuraMcp.Server.Http.HostedBackfill").LogWarning(Thrown(new OperationCanceledException()), "backfill stopped");

        stderr.ToString().Should().Contain("backfill stopped", "only the SDK's report of a cancelled request is left out");
    }

    private static Exception Thrown(Exception e)
    {
        try
        {
            throw e;
        }
        catch (Exception thrown)
        {
            return thrown;
        }
    }
}
