namespace OuraMcp.Oura.Auth;

/// <summary>
/// One person reading Oura through a client shared by many (<see cref="Client.OuraClient.For"/>): the stable key that
/// keeps their in-flight requests and their request budget apart from everyone else's, and where their bearer token
/// comes from. The key is an identifier, never a token.
/// </summary>
public sealed class OuraUser
{
    public OuraUser(string key, IOuraTokenProvider tokens)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(tokens);
        Key = key;
        Tokens = tokens;
    }

    /// <summary>The person's stable id.</summary>
    public string Key { get; }

    public IOuraTokenProvider Tokens { get; }
}
