using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OuraMcp.Hosting.Telemetry;

/// <summary>
/// Traces and metrics of the hosted endpoint over OTLP, on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: requests
/// (ASP.NET Core, with the per-caller 429s of its rate limiter), MCP requests (the SDK's source), tool calls, calls to
/// Oura and their 429s, token refreshes and sign-ins (the sources and meters named <c>OuraMcp.*</c>, which the
/// libraries emit with System.Diagnostics alone and stdio never collects). The OpenTelemetry SDK reads the standard
/// <c>OTEL_*</c> variables as it would from the environment (protocol, headers, intervals, resource).
/// </summary>
public static class OpenTelemetryExport
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard variables handed to the OpenTelemetry SDK; the empty web builder reads no environment of its own.</summary>
    public static readonly IReadOnlyList<string> Variables =
    [
        EndpointVariable, "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TIMEOUT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_METRIC_EXPORT_INTERVAL", "OTEL_BSP_SCHEDULE_DELAY", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG",
    ];

    /// <summary>The sources and meters of this server's own libraries.</summary>
    private const string OwnNames = "OuraMcp.*";

    /// <summary>The C# MCP SDK's source and meter: one span per JSON-RPC request, e.g. <c>tools/call get_sleep</c>.</summary>
    private const string McpSdkName = "Experimental.ModelContextProtocol";

    /// <summary>Adds the OpenTelemetry SDK with the OTLP exporter when the settings name an endpoint; nothing otherwise.</summary>
    public static void AddOpenTelemetryExport(this WebApplicationBuilder builder, HttpListenOptions listen)
    {
        if (!listen.Telemetry.ContainsKey(EndpointVariable)) return;
        builder.Configuration.AddInMemoryCollection(listen.Telemetry!);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("oura-mcp", serviceVersion: typeof(OpenTelemetryExport).Assembly.GetName().Version?.ToString(3)))
            .WithTracing(tracing => tracing
                .AddSource(OwnNames, McpSdkName)
                // Query strings stay redacted (the default): the Oura callback's carries an authorization code.
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                // The runtime's own meter: GC heap, working set, thread pool, exceptions.
                .AddMeter(OwnNames, McpSdkName, "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
    }
}
