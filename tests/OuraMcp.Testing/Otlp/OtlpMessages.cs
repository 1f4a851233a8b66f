namespace OuraMcp.Testing.Otlp;

/// <summary>A span as OTLP carries it: enough to tell which span is whose parent.</summary>
public sealed record OtlpSpan(string Scope, string Name, string SpanId, string ParentSpanId);

/// <summary>
/// Reads the few fields of OTLP's protobuf messages the tests look at (opentelemetry-proto's trace and metrics
/// services), straight from the wire format: every message here is nested fields of known numbers. For the telemetry
/// tests and the benchmarks that read the server's runtime metrics.
/// </summary>
public static class OtlpMessages
{
    /// <summary>ExportTraceServiceRequest → resource_spans(1) → scope_spans(2) → scope(1).name(1), spans(2) → span_id(2), parent_span_id(4), name(5).</summary>
    public static IEnumerable<OtlpSpan> Spans(byte[] request) =>
        from resourceSpans in Fields(request, 1)
        from scopeSpans in Fields(resourceSpans, 2)
        let scope = Fields(scopeSpans, 1).Select(s => Text(Fields(s, 1).FirstOrDefault())).FirstOrDefault() ?? ""
        from span in Fields(scopeSpans, 2)
        select new OtlpSpan(scope, Text(Fields(span, 5).FirstOrDefault()), Hex(Fields(span, 2).FirstOrDefault()), Hex(Fields(span, 4).FirstOrDefault()));

    /// <summary>ExportMetricsServiceRequest → resource_metrics(1) → scope_metrics(2) → metrics(2) → name(1).</summary>
    public static IEnumerable<string> MetricNames(byte[] request) =>
        from resourceMetrics in Fields(request, 1)
        from scopeMetrics in Fields(resourceMetrics, 2)
        from metric in Fields(scopeMetrics, 2)
        select Text(Fields(metric, 1).FirstOrDefault());

    /// <summary>
    /// Each metric's value in <paramref name="request"/>: the sum of its data points (a gauge's or a sum's, integer or
    /// double), e.g. a heap size reported per generation. Metric → gauge(5) or sum(7) → data_points(1) → as_double(4), as_int(6).
    /// </summary>
    public static IReadOnlyDictionary<string, double> MetricTotals(byte[] request)
    {
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in from resourceMetrics in Fields(request, 1) from scopeMetrics in Fields(resourceMetrics, 2) from metric in Fields(scopeMetrics, 2) select metric)
        {
            var points = Fields(metric, 5).Concat(Fields(metric, 7)).SelectMany(data => Fields(data, 1)).ToList();
            if (points.Count == 0) continue;
            totals[Text(Fields(metric, 1).FirstOrDefault())] = points.Sum(point =>
                Fixed64(point, 6) is { } integer ? (long)integer : Fixed64(point, 4) is { } real ? BitConverter.UInt64BitsToDouble(real) : 0);
        }

        return totals;
    }

    /// <summary>The last fixed64 field numbered <paramref name="number"/> of one message, or null.</summary>
    private static ulong? Fixed64(ReadOnlyMemory<byte> message, int number)
    {
        ulong? value = null;
        var span = message.Span;
        var at = 0;
        while (at < span.Length)
        {
            var key = Varint(span, ref at);
            switch (key & 7)
            {
                case 0: Varint(span, ref at); break;
                case 1:
                    if ((int)(key >> 3) == number) value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(span[at..]);
                    at += 8;
                    break;
                case 5: at += 4; break;
                case 2:
                    var length = (int)Varint(span, ref at);
                    at += length;
                    break;
                default: throw new FormatException($"Wire type {key & 7} is not one OTLP uses.");
            }
        }

        return value;
    }

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of one message; other fields are skipped.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number)
    {
        var found = new List<ReadOnlyMemory<byte>>();
        var span = message.Span;
        var at = 0;
        while (at < span.Length)
        {
            var key = Varint(span, ref at);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0: Varint(span, ref at); break;
                case 1: at += 8; break;
                case 5: at += 4; break;
                case 2:
                    var length = (int)Varint(span, ref at);
                    if (field == number) found.Add(message.Slice(at, length));
                    at += length;
                    break;
                default: throw new FormatException($"Wire type {key & 7} is not one OTLP uses.");
            }
        }

        return found;
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes.Span);

    private static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexStringLower(bytes.Span);
}
