namespace OuraMcp.FakeOura.Http;

/// <summary>Everything one fake Oura instance remembers: options, faults, the request log, account states, webhooks.</summary>
internal sealed class FakeOuraState(FakeOuraOptions options)
{
    private readonly object _gate = new();
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _expiredAt = new(StringComparer.Ordinal);

    public FakeOuraOptions Options { get; } = options;

    public FakeFaults Faults { get; } = new();

    public FakeRequestLog Requests { get; } = new();

    public WebhookStore Webhooks { get; } = new();

    /// <summary>Changes made to the people's documents since they were generated.</summary>
    public Webhooks.DocumentEdits Edits { get; } = new();

    public Webhooks.WebhookDelivery Delivery => _delivery ??= new(this);

    public Webhooks.DataChanges Changes => _changes ??= new(this);

    private Webhooks.WebhookDelivery? _delivery;
    private Webhooks.DataChanges? _changes;

    public TimeProvider Clock => Options.TimeProvider;

    public void AddAccount(FakeAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_gate)
        {
            if (Options.Accounts.Any(a => a.AccessToken == account.AccessToken))
                throw new ArgumentException("An account with this access token exists already.", nameof(account));
            Options.Accounts.Add(account);
            // A token handed out again is a fresh grant.
            _revoked.Remove(account.AccessToken);
            _expiredAt.Remove(account.AccessToken);
        }
    }

    /// <summary>False when no account has this token.</summary>
    public bool Revoke(string token)
    {
        lock (_gate)
        {
            if (!Options.Accounts.Any(a => a.AccessToken == token)) return false;
            _revoked.Add(token);
            return true;
        }
    }

    /// <summary>Marks the token expired as of now. False when no account has this token.</summary>
    public bool Expire(string token)
    {
        lock (_gate)
        {
            if (!Options.Accounts.Any(a => a.AccessToken == token)) return false;
            _expiredAt[token] = Clock.GetUtcNow();
            return true;
        }
    }

    /// <summary>The account a token grants, or null with why not (unknown, revoked or expired all answer 401 alike).</summary>
    public FakeAccount? Resolve(string token, out string? failure)
    {
        lock (_gate)
        {
            var account = Options.Accounts.FirstOrDefault(a => a.AccessToken == token);
            failure = account switch
            {
                null => "unknown token",
                _ when _revoked.Contains(token) => "revoked token",
                _ when _expiredAt.ContainsKey(token) => "expired token",
                { ExpiresAt: { } at } when at <= Clock.GetUtcNow() => "expired token",
                _ => null,
            };
            return failure is null ? account : null;
        }
    }

}
