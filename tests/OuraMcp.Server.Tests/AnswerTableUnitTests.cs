using System.Text.Json;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tests;

/// <summary>How rows become the table: flattening, column order, left-out columns, and the CSV of the text twin.</summary>
public sealed class AnswerTableUnitTests
{
    [Fact]
    public void Nested_values_flatten_to_dotted_columns_in_the_order_the_row_record_declares_them()
    {
        var table = Table<SleepNight>(
            """{"day":"2026-03-01","main":{"bedtime":"23:10","total_sleep_seconds":25500},"other_periods":1}""",
            """{"day":"2026-03-02","score":80,"contributors":{"timing":90,"deep_sleep":70},"main":{"bedtime":"23:40"},"naps":[{"type":"nap"}]}""");

        table.Columns.Should().Equal(
            "day", "score", "contributors.deep_sleep", "contributors.timing", "main.bedtime", "main.total_sleep_seconds", "naps", "other_periods");
        table.Rows[0].Select(v => v.GetRawText()).Should().Equal("\"2026-03-01\"", "null", "null", "null", "\"23:10\"", "25500", "null", "1");
        table.Rows[1][6].ValueKind.Should().Be(JsonValueKind.Array, "an array stays whole in one cell");
    }

    [Fact]
    public void A_column_no_row_fills_is_left_out()
    {
        Table<SleepNight>("""{"day":"2026-03-01","score":null}""", """{"day":"2026-03-02"}""").Columns.Should().Equal("day");
    }

    [Fact]
    public void The_text_is_csv_with_durations_as_hours_and_minutes_and_quoting_only_where_needed()
    {
        var lines = Table<WorkoutRow>(
            """{"day":"2026-03-01","id":"w1","label":"Hills, \"hard\" ones","duration_seconds":5400}""",
            """{"day":"2026-03-02","id":"w2","duration_seconds":59}""").TextLines().ToList();

        lines.Should().Equal(
            "day,id,label,duration (h:mm)",
            "2026-03-01,w1,\"Hills, \"\"hard\"\" ones\",1:30",
            "2026-03-02,w2,,0:00");
    }

    [Fact]
    public void A_nested_list_is_one_quoted_cell_of_name_value_pairs_in_the_text()
    {
        var lines = Table<SleepNight>("""{"day":"2026-03-01","naps":[{"type":"nap","total_sleep_seconds":1800},{"type":"rest"}]}""").TextLines().ToList();

        lines[1].Should().Be("2026-03-01,[{type=nap total_sleep=0:30}; {type=rest}]");
    }

    private static AnswerTable Table<TRow>(params string[] rows) =>
        AnswerTable.From(rows.Select(r => FlatRow.From(JsonDocument.Parse(r).RootElement)).ToList(), typeof(TRow));
}
