using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OuraMcp.Accounts.Tests.Support;

/// <summary>Every log line written, formatted as a sink would see it, with its exception; tests check none leaks a secret.</summary>
public sealed class LogCapture
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger<T> For<T>() => new CapturingLogger<T>(this);

    private sealed class CapturingLogger<T>(LogCapture capture) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            capture.Lines.Enqueue(OuraMcp.Testing.LogLines.Format(typeof(T).Name, logLevel, state, exception, formatter));
        }
    }
}
