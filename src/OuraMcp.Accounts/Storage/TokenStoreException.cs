namespace OuraMcp.Accounts.Storage;

/// <summary>
/// The token store could not be read, written or locked. The message names the store and says what to do; it never
/// contains a token or a key. A store that raised this is left exactly as it was.
/// </summary>
public sealed class TokenStoreException(string message, Exception? inner = null) : Exception(message, inner);
