namespace OuraMcp.Hosting.OAuth.Account;

/// <summary>
/// What the account page needs of the provider's side (Oura, for this server): what it knows of a connected person,
/// and forgetting them. Like <see cref="IUpstreamSignIn"/>, nothing here hands out the provider's tokens.
/// </summary>
public interface IUpstreamAccounts
{
    /// <summary>Where a person removes this app's access at the provider, which has no revocation endpoint of its own.</summary>
    Uri AppSettingsPage { get; }

    /// <summary>What the page shows of the person's provider account, or null when none is connected (no tokens kept).</summary>
    Task<IReadOnlyList<AccountFact>?> DescribeAsync(string personId, CancellationToken cancellationToken);

    /// <summary>Forgets the person's provider tokens. Returns whether there were any.</summary>
    Task<bool> DisconnectAsync(string personId, CancellationToken cancellationToken);

    /// <summary>Forgets everything the provider's side keeps for the person: their tokens and any stored history.</summary>
    Task ForgetAsync(string personId, CancellationToken cancellationToken);
}

/// <summary>One labelled line of the account page (plain text; the page encodes it).</summary>
public sealed record AccountFact(string Label, string Value);
