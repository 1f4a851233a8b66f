using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Tests.Support;

/// <summary>Local times of the Helsinki test person (UTC+2 in early March), for data made up for the test double.</summary>
public static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 5, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Offset = TimeSpan.FromHours(2);
    public const string Zone = "Europe/Helsinki";

    public static DateTimeOffset Local(int day, int hour, int minute = 0, int month = 3) => new(2026, month, day, hour, minute, 0, Offset);

    public static DateOnly Day(int day, int month = 3) => new(2026, month, day);
}
