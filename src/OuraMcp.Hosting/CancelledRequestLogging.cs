using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace OuraMcp.Hosting;

/// <summary>
/// The MCP SDK logs every request whose handler ended by exception as a failed request, with the stack trace,
/// including a request cancelled because its client hung up or sent <c>notifications/cancelled</c>. That is the
/// client's choice, not the server's fault, and a busy endpoint would bury real failures under it. Tool calls that
/// end cancelled are still counted by the tool-call metric and trace; only this log entry is left out.
/// </summary>
public static class CancelledRequestLogging
{
    /// <summary>Whether an entry only reports that the SDK's request was cancelled.</summary>
    public static bool IsCancelledRequest(string category, Exception? exception) =>
        exception is OperationCanceledException && category.StartsWith("ModelContextProtocol", StringComparison.Ordinal);

    /// <summary>Wraps the console logger registered before this so that it leaves out cancelled requests.</summary>
    public static ILoggingBuilder LeaveOutCancelledRequests(this ILoggingBuilder logging)
    {
        var console = logging.Services.Single(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider));
        logging.Services.Remove(console);
        logging.Services.AddSingleton<ConsoleLoggerProvider>();
        logging.Services.AddSingleton<ILoggerProvider>(services => new Provider(services.GetRequiredService<ConsoleLoggerProvider>()));
        return logging;
    }

    private sealed class Provider(ILoggerProvider inner) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, inner.CreateLogger(categoryName));

        // The console provider is a singleton of the container, which disposes it.
        public void Dispose()
        {
        }
    }

    private sealed class Logger(string category, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsCancelledRequest(category, exception)) return;
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
