using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Support;

/// <summary>
/// Scans what an in-process server puts out: every log line at every level (whatever level the server itself keeps)
/// and every JSON-RPC message it sends (results, errors, notifications, elicitations).
/// </summary>
public static class SecretCapture
{
    public static void Watch(IServiceCollection services)
    {
        services.AddLogging(logging =>
        {
            logging.AddProvider(new ScanningLoggerProvider());
            // More specific than the server's minimum level: this provider sees Trace and up.
            logging.AddFilter<ScanningLoggerProvider>(null, LogLevel.Trace);
        });
        services.AddMcpServer().WithMessageFilters(filters => filters.AddOutgoingFilter(next => async (context, cancellationToken) =>
        {
            SecretScan.Observe("a message sent to the client", JsonSerializer.Serialize(context.JsonRpcMessage, McpJsonUtilities.DefaultOptions));
            await next(context, cancellationToken);
        }));
    }
}

/// <summary>A logger provider that formats each line as a sink would (message, state, exception) and scans it.</summary>
public sealed class ScanningLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            LogLines.Format(category, logLevel, state, exception, formatter);
        }
    }
}
