using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>
/// Cursors are signed: one the server did not issue (forged, altered, from another process or for another person) is
/// refused with a sentence, and a signed cursor's range is checked against the tool's limits again on resume.
/// </summary>
public sealed class CursorSigningTests
{
    [Fact]
    public async Task A_forged_cursor_asking_for_two_years_of_sleep_is_refused_with_a_sentence()
    {
        await using var server = await ServerHarness.StartAsync(maxResponseTokens: 2_000);
        var issued = (await server.CallAsync("get_sleep", new { start_date = "2026-01-01", end_date = "2026-02-28" })).Structured().Str("cursor")!;

        // The unsigned shape cursors used to have, with the range widened past the tool's limit.
        var state = JsonNode.Parse(Base64Url.DecodeFromChars(issued.Split('.')[0]))!.AsObject();
        state["start"] = "2024-03-01";
        state["key"] = "2024-03-01";
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(state.ToJsonString()));
        var resigned = forged + "." + issued.Split('.')[1];

        foreach (var cursor in new[] { forged, resigned, issued + "x", "not a cursor at all" })
        {
            var result = await server.CallAsync("get_sleep", new { cursor });

            result.IsError.Should().BeTrue(cursor);
            result.Text().Should().StartWith("cursor is not one this server issued").And.NotContain("unexpectedly");
        }

        server.OuraRequests("sleep").Should().OnlyContain(r => string.CompareOrdinal(r.Query["start_date"], "2025-12-01") > 0, "no forged range reached Oura");
    }

    [Fact]
    public async Task A_cursor_from_another_server_process_is_refused_and_one_from_a_process_sharing_the_key_is_honoured()
    {
        var state = new CursorState { Tool = "get_sleep", ArgsHash = Cursors.HashArguments(null), Start = "2026-02-01", End = "2026-02-07", Key = "2026-02-03" };
        await using var server = await ServerHarness.StartAsync();

        var other = await server.CallAsync("get_sleep", new { cursor = new CursorCodec().Encode(state) });
        var own = await server.CallAsync("get_sleep", new { cursor = server.Services.GetRequiredService<CursorCodec>().Encode(state) });

        other.IsError.Should().BeTrue();
        other.Text().Should().StartWith("cursor is not one this server issued");
        own.Structured().Str("start").Should().Be("2026-02-01");
    }

    [Fact]
    public void A_cursor_is_bound_to_the_person_it_was_issued_to()
    {
        var codec = CursorCodec.FromSecret("a configured secret shared by every process");
        var state = new CursorState { Tool = "get_sleep", ArgsHash = "x", Start = "2026-02-01", End = "2026-02-07", Key = "2026-02-03" };
        var forAlice = codec.Encode(state, "alice");

        codec.Decode(forAlice, "get_sleep", "alice").Should().Be(state);
        CursorCodec.FromSecret("a configured secret shared by every process").Decode(forAlice, "get_sleep", "alice").Should().Be(state);
        var asBob = () => codec.Decode(forAlice, "get_sleep", "bob");
        asBob.Should().Throw<ToolInputException>().WithMessage("cursor is not one this server issued*");
        var asLocal = () => codec.Decode(forAlice, "get_sleep");
        asLocal.Should().Throw<ToolInputException>();
    }

    [Theory]
    [InlineData("get_sleep", "2024-03-01", "2026-02-28", "at most 366 days")]
    [InlineData("get_heart_rate", "2024-03-01T00:00:00+02:00", "2026-02-28T00:00:00+02:00", "at most 31 days")]
    [InlineData("get_sleep", "2026-02-01", "2026-02-07", "Call the tool again without the cursor")]
    public async Task A_signed_cursor_is_held_to_the_tools_limits_again_on_resume(string tool, string start, string end, string said)
    {
        await using var server = await ServerHarness.StartAsync();
        var arguments = tool == "get_heart_rate" ? new JsonObject { ["resolution"] = "raw" } : null;
        var key = said.StartsWith("Call", StringComparison.Ordinal) ? "2027-01-01" : start;
        var state = new CursorState
        {
            Tool = tool, Args = arguments, Start = start, End = end, Key = key,
            ArgsHash = Cursors.HashArguments(arguments?.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value))),
        };
        var cursor = server.Services.GetRequiredService<CursorCodec>().Encode(state);

        var result = await server.CallAsync(tool, new { cursor });

        result.IsError.Should().BeTrue();
        result.Text().Should().StartWith("This cursor cannot be continued").And.Contain(said).And.NotContain("unexpectedly");
        server.OuraRequests().Should().BeEmpty();
    }
}
