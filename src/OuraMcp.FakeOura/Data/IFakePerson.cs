using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Data;

/// <summary>A synthetic Oura user whose data the fake serves.</summary>
public interface IFakePerson
{
    /// <summary>Stable key, also the <c>personal_info</c> id.</summary>
    string Id { get; }

    TimeZoneInfo TimeZone { get; }

    PersonalInfo PersonalInfo { get; }

    /// <summary>The first and last local day the person has data for.</summary>
    DateOnly FirstDay { get; }

    DateOnly LastDay { get; }

    /// <summary>Every document or row of <paramref name="collection"/>, ordered by <see cref="FakeDocument.Instant"/>. Not personal_info.</summary>
    IReadOnlyList<FakeDocument> Documents(OuraCollection collection);
}
