using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OuraMcp.FakeOura.Webhooks;

namespace OuraMcp.FakeOura.Http;

/// <summary>
/// The control API under <c>/_fake/</c>, for standalone use and out-of-process tests: faults, the request log and
/// account states. No Oura auth, but only for loopback callers (a TestServer caller has no address and is in-process).
/// </summary>
internal sealed class ControlRoutes(FakeOuraState state)
{
    public const string Prefix = "/_fake";

    /// <summary>snake_case, like everything else on the wire.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };

    public static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(address);

    public void Map(IEndpointRouteBuilder routes)
    {
        var control = routes.MapGroup(Prefix);
        control.MapPost("/faults", (RequestDelegate)AddFaultAsync);
        control.MapGet("/faults", (RequestDelegate)(context => Write(context, StatusCodes.Status200OK, state.Faults.Active)));
        control.MapDelete("/faults", (RequestDelegate)(context =>
        {
            state.Faults.Clear();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }));
        control.MapGet("/requests", (RequestDelegate)(context => Write(context, StatusCodes.Status200OK, state.Requests.All)));
        control.MapDelete("/requests", (RequestDelegate)(context =>
        {
            state.Requests.Clear();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }));
        control.MapPost("/people/{person}/{collection}/{document_id}", (RequestDelegate)ChangeDocumentAsync);
        control.MapPost("/accounts/{token}/revoke", (RequestDelegate)(context => AccountAsync(context, state.Revoke)));
        control.MapPost("/accounts/{token}/expire", (RequestDelegate)(context => AccountAsync(context, state.Expire)));
    }

    private async Task AddFaultAsync(HttpContext context)
    {
        FakeFault? fault;
        try
        {
            fault = await JsonSerializer.DeserializeAsync<FakeFault>(context.Request.Body, Json, context.RequestAborted).ConfigureAwait(false);
            if (fault is null) throw new JsonException("A fault is a JSON object.");
            state.Faults.Add(fault);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            await Responses.Detail(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
            return;
        }
        await Write(context, StatusCodes.Status201Created, fault).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>{"set": {"score": 42}}</c> changes members of the document, <c>{"delete": true}</c> deletes it; either way the
    /// event goes to the matching subscriptions, as <c>"delivery"</c> asks (duplicate, out_of_order, stale,
    /// bad_signature, user_id, max_attempts). Answers every POST made and its status.
    /// </summary>
    private async Task ChangeDocumentAsync(HttpContext context)
    {
        var values = context.Request.RouteValues;
        if (OuraMcp.Oura.Catalog.OuraCatalog.Find((string?)values["collection"] ?? "") is not { } collection)
        {
            await Responses.Detail(context, StatusCodes.Status404NotFound, "No such collection.").ConfigureAwait(false);
            return;
        }
        JsonObject? body;
        FakeDeliveryOptions delivery;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
            delivery = body?["delivery"]?.Deserialize<FakeDeliveryOptions>(Json) ?? new();
        }
        catch (JsonException e)
        {
            await Responses.Detail(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
            return;
        }
        var delete = body?["delete"]?.GetValue<bool>() == true;
        if (!delete && body?["set"] is not JsonObject)
        {
            await Responses.Detail(context, StatusCodes.Status400BadRequest, "Send {\"set\": {member: value}} or {\"delete\": true}.").ConfigureAwait(false);
            return;
        }
        try
        {
            var attempts = await state.Changes.ChangeAsync((string?)values["person"] ?? "", collection, (string?)values["document_id"] ?? "",
                delete ? null : (JsonObject)body!["set"]!.DeepClone(), delivery, context.RequestAborted).ConfigureAwait(false);
            await Write(context, StatusCodes.Status200OK, new { deliveries = attempts }).ConfigureAwait(false);
        }
        catch (KeyNotFoundException e)
        {
            await Responses.Detail(context, StatusCodes.Status404NotFound, e.Message).ConfigureAwait(false);
        }
    }

    private static async Task AccountAsync(HttpContext context, Func<string, bool> change)
    {
        var token = (string?)context.Request.RouteValues["token"] ?? "";
        if (change(token)) context.Response.StatusCode = StatusCodes.Status204NoContent;
        else await Responses.Detail(context, StatusCodes.Status404NotFound, "No account has this token.").ConfigureAwait(false);
    }

    private static Task Write<T>(HttpContext context, int status, T value) =>
        Responses.Json(context, status, JsonSerializer.SerializeToNode(value, Json));
}
