using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// Log lines to stderr, one per entry (two with an exception), written synchronously. The stdio server logs warnings
/// and errors only, so the console logger's queue, background thread, formatters and options binding cost start-up
/// time without buying anything; stdout stays reserved for JSON-RPC either way.
/// </summary>
public sealed class StderrLoggerProvider(TextWriter? writer = null) : ILoggerProvider
{
    private readonly TextWriter _writer = writer ?? Console.Error;
    private readonly ConcurrentDictionary<string, Logger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, name => new Logger(name, _writer));

    public void Dispose()
    {
    }

    private sealed class Logger(string category, TextWriter writer) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // A request its client cancelled is not the server's fault (see CancelledRequestLogging); reached only with an exception.
            if (!IsEnabled(logLevel) || (exception is not null && OuraMcp.Hosting.CancelledRequestLogging.IsCancelledRequest(category, exception))) return;
            var line = $"{Label(logLevel)}: {category}: {formatter(state, exception)}";
            if (exception is not null) line += Environment.NewLine + exception;
            lock (writer) writer.WriteLine(line);
        }

        private static string Label(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
