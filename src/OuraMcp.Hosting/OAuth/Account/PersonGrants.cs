using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OuraMcp.Hosting.OAuth.Account;

/// <summary>
/// What this server issued to one person (OpenIddict's authorizations and tokens whose subject is the person): which
/// clients hold access, and taking it back from one client or from all, or deleting every row.
/// </summary>
internal sealed class PersonGrants(IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
{
    /// <summary>The clients holding a valid authorization for the person, by name.</summary>
    public async Task<IReadOnlyList<ClientAccess>> ClientsAsync(string personId, CancellationToken cancellationToken)
    {
        var since = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var authorization in authorizations.FindBySubjectAsync(personId, cancellationToken).ConfigureAwait(false))
        {
            if (!await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken).ConfigureAwait(false)) continue;
            if (await authorizations.GetApplicationIdAsync(authorization, cancellationToken).ConfigureAwait(false) is not { } applicationId) continue;
            var created = await authorizations.GetCreationDateAsync(authorization, cancellationToken).ConfigureAwait(false) ?? DateTimeOffset.MinValue;
            since[applicationId] = since.TryGetValue(applicationId, out var earlier) && earlier < created ? earlier : created;
        }

        var clients = new List<ClientAccess>();
        foreach (var (applicationId, created) in since)
        {
            if (await applications.FindByIdAsync(applicationId, cancellationToken).ConfigureAwait(false) is not { } application) continue;
            var clientId = await applications.GetClientIdAsync(application, cancellationToken).ConfigureAwait(false) ?? applicationId;
            var name = await applications.GetDisplayNameAsync(application, cancellationToken).ConfigureAwait(false) ?? clientId;
            clients.Add(new ClientAccess(clientId, name, created));
        }

        return clients.OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.ClientId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Revokes the client's authorizations and tokens for the person; its next call is refused. Returns whether it held any.</summary>
    public async Task<bool> RevokeClientAsync(string personId, string clientId, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false) is not { } application) return false;
        var applicationId = await applications.GetIdAsync(application, cancellationToken).ConfigureAwait(false);
        var revoked = await authorizations.RevokeAsync(personId, applicationId, null, null, cancellationToken).ConfigureAwait(false);
        revoked += await tokens.RevokeAsync(personId, applicationId, null, null, cancellationToken).ConfigureAwait(false);
        return revoked > 0;
    }

    /// <summary>Revokes everything issued to the person, from every client.</summary>
    public async Task RevokeAllAsync(string personId, CancellationToken cancellationToken)
    {
        await authorizations.RevokeBySubjectAsync(personId, cancellationToken).ConfigureAwait(false);
        await tokens.RevokeBySubjectAsync(personId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every authorization and token row of the person (tokens first: they point at their authorization).</summary>
    public async Task DeleteAllAsync(string personId, CancellationToken cancellationToken)
    {
        var tokenRows = new List<object>();
        await foreach (var token in tokens.FindBySubjectAsync(personId, cancellationToken).ConfigureAwait(false)) tokenRows.Add(token);
        foreach (var token in tokenRows) await tokens.DeleteAsync(token, cancellationToken).ConfigureAwait(false);

        var authorizationRows = new List<object>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(personId, cancellationToken).ConfigureAwait(false)) authorizationRows.Add(authorization);
        foreach (var authorization in authorizationRows) await authorizations.DeleteAsync(authorization, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A client that holds access for the person: its client id, its name as it registered, and since when.</summary>
internal sealed record ClientAccess(string ClientId, string Name, DateTimeOffset Since);
