using OuraMcp.Oura.Catalog;

namespace OuraMcp.Server.Resources;

/// <summary>Which of a person's subscribed <c>oura://</c> URIs a change to a collection's local days touches (a webhook, a sync).</summary>
internal static class AffectedResources
{
    public static IEnumerable<string> Of(IEnumerable<string> subscribed, OuraCollection collection, IReadOnlyCollection<DateOnly> days) =>
        subscribed.Where(uri => Touches(uri, collection, days));

    private static bool Touches(string uri, OuraCollection collection, IReadOnlyCollection<DateOnly> days) =>
        ResourceAddress.TryParse(uri) switch
        {
            ResourceAddress.Day day => days.Contains(day.Date),
            ResourceAddress.Collection dated => dated.Source == collection && days.Any(d => d >= dated.Days.Start && d <= dated.Days.End),
            ResourceAddress.Rings => collection == OuraCatalog.RingConfiguration,
            _ => false,
        };
}
