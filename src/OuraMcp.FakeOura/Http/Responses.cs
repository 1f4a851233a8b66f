using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OuraMcp.FakeOura.Http;

/// <summary>One entry of a 422 body: pydantic's <c>loc</c>, <c>msg</c> and <c>type</c>.</summary>
internal sealed record Issue(string[] Loc, string Msg, string Type);

/// <summary>Writes JSON answers the way Oura's FastAPI service does.</summary>
internal static class Responses
{
    // Python's json writes '+' and non-ASCII as they are; keep timestamps like "+02:00" readable.
    internal static readonly JsonSerializerOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task Json(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body?.ToJsonString(Writer) ?? "null", context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary><c>{"detail": "..."}</c>, FastAPI's shape for every non-validation error.</summary>
    public static Task Detail(HttpContext context, int status, string detail) =>
        Json(context, status, new JsonObject { ["detail"] = detail });

    /// <summary>422 with an <c>HTTPValidationError</c> body.</summary>
    public static Task Validation(HttpContext context, IEnumerable<Issue> issues)
    {
        var detail = new JsonArray();
        foreach (var issue in issues)
        {
            var loc = new JsonArray();
            foreach (var part in issue.Loc) loc.Add((JsonNode)(int.TryParse(part, out var index) ? JsonValue.Create(index) : JsonValue.Create(part)));
            detail.Add((JsonNode)new JsonObject { ["loc"] = loc, ["msg"] = issue.Msg, ["type"] = issue.Type });
        }
        return Json(context, StatusCodes.Status422UnprocessableEntity, new JsonObject { ["detail"] = detail });
    }

    public static Task NotFound(HttpContext context) => Detail(context, StatusCodes.Status404NotFound, "Not Found");
}
