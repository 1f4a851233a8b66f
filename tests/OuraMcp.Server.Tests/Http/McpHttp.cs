using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OuraMcp.Server.Tests.Http;

/// <summary>Raw requests to the MCP endpoint and reading their answers, for tests that check the HTTP rules themselves.</summary>
public static class McpHttp
{
    public const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"http-tests","version":"1.0.0"}}}""";

    public const string Ping = """{"jsonrpc":"2.0","id":7,"method":"ping"}""";

    public const string ToolsList = """{"jsonrpc":"2.0","id":3,"method":"tools/list","params":{}}""";

    public static HttpRequestMessage Post(Uri url, string body, string accept = "application/json, text/event-stream", string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept.Length > 0) request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    /// <summary>The JSON-RPC message in an answer: the first SSE <c>data:</c> line of an event stream, or the JSON body.</summary>
    public static async Task<JsonElement> MessageAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        OuraMcp.Testing.SecretScan.ShouldBeClean("an HTTP response from the server", text);
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            var data = text.Split('\n').First(line => line.StartsWith("data:", StringComparison.Ordinal));
            text = data["data:".Length..].Trim();
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts a JSON-RPC error body with the code and, unless given, a null id; returns the error object.</summary>
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, int code, int? id = null)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        var message = await MessageAsync(response);
        message.GetProperty("jsonrpc").GetString().Should().Be("2.0");
        if (id is null) message.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null);
        else message.GetProperty("id").GetInt32().Should().Be(id);
        var error = message.GetProperty("error");
        error.GetProperty("code").GetInt32().Should().Be(code);
        error.GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
        return error;
    }
}
