using OuraMcp.Oura.Catalog;

namespace OuraMcp.FakeOura.Tests.Data;

public sealed class BatteryTests
{
    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void The_battery_drains_then_charges_to_full_every_two_or_three_days(string id)
    {
        var person = People.ById(id);
        var rows = person.Models(OuraCatalog.RingBatteryLevel);

        rows.Should().OnlyContain(r => r.Level >= 0 && r.Level <= 100 && r.Timestamp.Offset == TimeSpan.Zero
                                       && r.TimestampUnix == r.Timestamp.ToUnixTimeMilliseconds());
        rows.Zip(rows.Skip(1), (a, b) => b.Timestamp - a.Timestamp).Should().OnlyContain(g => g == TimeSpan.FromMinutes(30));
        rows.Should().OnlyContain(r => r.Charging == false || r.InCharger == true, "a ring charges only in its charger");

        var sessions = new List<List<Oura.Models.RingBatteryLevel>>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].InCharger != true) continue;
            if (i == 0 || rows[i - 1].InCharger != true) sessions.Add([]);
            sessions[^1].Add(rows[i]);
        }
        sessions.Should().HaveCountGreaterThan(100);
        foreach (var charge in sessions)
        {
            charge.Select(r => r.Level).Should().BeInAscendingOrder();
            charge.Should().Contain(r => r.Charging == true);
        }
        sessions.Zip(sessions.Skip(1), (a, b) => b[0].Timestamp - a[0].Timestamp).Should().OnlyContain(g => g < TimeSpan.FromDays(3.3));

        // Off the charger the level only goes down.
        for (var i = 1; i < rows.Count; i++)
            if (rows[i].InCharger == false && rows[i - 1].InCharger == false) rows[i].Level.Should().BeLessThanOrEqualTo(rows[i - 1].Level);
        rows.Where((r, i) => i > 0 && r.InCharger == false && rows[i - 1].InCharger == true).Should().OnlyContain(r => r.Level >= 99);
    }
}
