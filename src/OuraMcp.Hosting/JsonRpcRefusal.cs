using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace OuraMcp.Hosting;

/// <summary>
/// A refusal the host makes before the MCP transport sees the request (403, 401, 413, 429), written as the transport
/// writes its own: a JSON-RPC error with a null id and a sentence saying what to do.
/// </summary>
internal static class JsonRpcRefusal
{
    /// <summary>JSON-RPC's "server error" code, for refusals that have no code of their own.</summary>
    public const int ServerErrorCode = -32000;

    private static readonly JsonTypeInfo<JsonRpcError> ErrorType =
        (JsonTypeInfo<JsonRpcError>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError));

    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonRpcError { Id = default, Error = new JsonRpcErrorDetail { Code = ServerErrorCode, Message = message } };
        return JsonSerializer.SerializeAsync(context.Response.Body, error, ErrorType, context.RequestAborted);
    }
}
