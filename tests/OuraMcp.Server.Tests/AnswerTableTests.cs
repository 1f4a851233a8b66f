using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>
/// Every list answer is one table sent twice: as structured columns and rows, and as the CSV of the text twin that
/// most clients give the model. Both must carry the same values, and every column must be one the output schema names.
/// </summary>
public sealed class AnswerTableTests : IAsyncLifetime
{
    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> ListTools() =>
        [.. new[]
        {
            "get_daily_summary", "get_sleep", "get_sleep_series", "get_sleep_time", "get_readiness", "get_resilience", "get_activity", "get_sessions",
            "get_workouts", "get_heart_rate", "get_stress", "get_cardiovascular_age", "get_vo2_max", "get_spo2", "get_tags",
            "get_rest_mode_periods", "get_ring_battery", "get_ring_configuration",
        }];

    [Theory]
    [MemberData(nameof(ListTools))]
    public async Task The_text_table_and_the_structured_table_carry_the_same_values(string tool)
    {
        var (answer, result) = await CallAsync(tool);
        var columns = answer.GetProperty("columns").Strings();
        var rows = answer.GetProperty("rows").EnumerateArray().ToArray();
        var text = result.TextRows();

        rows.Should().NotBeEmpty($"{tool} has rows in the demo person's month (a year for rest mode)");
        text.Should().HaveSameCount(rows);
        text[0].Keys.Should().Equal(columns.Select(TextRendering.Header), "the CSV header names the structured columns, durations as h:mm");
        foreach (var (line, row) in text.Zip(rows))
        {
            foreach (var (column, value) in columns.Zip(row.EnumerateArray()))
            {
                var cell = line[TextRendering.Header(column)];
                switch (value.ValueKind)
                {
                    case JsonValueKind.Null:
                        cell.Should().BeEmpty();
                        break;
                    case JsonValueKind.Number when column.EndsWith("_seconds", StringComparison.Ordinal):
                        cell.Should().Be(Durations.HoursMinutes(value.GetInt32()), column);
                        break;
                    case JsonValueKind.Number:
                        double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture).Should().Be(value.GetDouble(), column);
                        break;
                    case JsonValueKind.String:
                        cell.Should().Be(value.GetString(), column);
                        break;
                    default:
                        cell.Should().NotBeEmpty(column);
                        break;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ListTools))]
    public async Task Every_column_is_named_by_the_output_schema_and_filled_by_some_row(string tool)
    {
        var (answer, _) = await CallAsync(tool);
        var definition = (await _server.Client.ListToolsAsync()).Single(t => t.Name == tool).ProtocolTool;
        var documented = definition.OutputSchema!.Value.GetProperty("properties").GetProperty("columns").GetProperty("items").GetProperty("anyOf")
            .EnumerateArray().ToArray();
        var columns = answer.GetProperty("columns").Strings();
        var rows = answer.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToArray();

        columns.Should().OnlyHaveUniqueItems().And.NotBeEmpty();
        foreach (var (column, i) in columns.Select((c, i) => (c, i)))
        {
            documented.Should().Contain(d => Names(d, column), $"{tool}'s output schema documents the column {column}");
            rows.Should().Contain(r => r[i].ValueKind != JsonValueKind.Null, $"a column no row fills ({column}) is left out");
        }
    }

    [Fact]
    public async Task Naps_get_a_column_only_when_asked_for_and_a_day_has_one()
    {
        var args = new { start_date = "2026-02-01", end_date = "2026-03-05" };
        var plain = (await _server.CallAsync("get_sleep", args)).Structured();
        var withNaps = (await _server.CallAsync("get_sleep", new { args.start_date, args.end_date, include_naps = true })).Structured();

        plain.GetProperty("columns").Strings().Should().NotContain("naps").And.Contain("other_periods");
        withNaps.GetProperty("columns").Strings().Should().Contain("naps").And.NotContain("other_periods");
    }

    private async Task<(JsonElement Answer, ModelContextProtocol.Protocol.CallToolResult Result)> CallAsync(string tool)
    {
        object args = tool switch
        {
            "get_ring_configuration" => new { },
            "get_heart_rate" or "get_ring_battery" => new { start_date = "2026-03-03", end_date = "2026-03-04" },
            "get_rest_mode_periods" => new { start_date = "2025-03-06", end_date = "2026-03-05" },
            _ => new { start_date = "2026-02-04", end_date = "2026-03-05" },
        };
        var result = await _server.CallAsync(tool, args);
        return (result.Structured(), result);
    }

    private static bool Names(JsonElement documented, string column) =>
        documented.TryGetProperty("const", out var name) ? name.GetString() == column
        : documented.TryGetProperty("pattern", out var pattern) && Regex.IsMatch(column, pattern.GetString()!);
}
