using Microsoft.Extensions.Logging;

namespace OuraMcp.Testing;

/// <summary>
/// How the test loggers turn a log call into text: the message, its structured values and the exception, as a real
/// sink would see them. Every line is handed to <see cref="SecretScan"/>, so a leaked token fails the test that logged it.
/// </summary>
public static class LogLines
{
    public static string Format<TState>(string category, LogLevel level, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var structured = state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(" ", values.Select(v => $"{v.Key}={v.Value}")) : "";
        var line = $"{level} {category}: {formatter(state, exception)} [{structured}] {exception}";
        SecretScan.Observe($"the log ({category}, {level})", line);
        return line;
    }
}
