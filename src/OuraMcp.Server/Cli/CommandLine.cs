using System.Text.Json;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Tools;

namespace OuraMcp.Server.Cli;

/// <summary>What the command line asked for.</summary>
public enum CommandKind
{
    Serve,
    ListTools,
    Call,
    Help,
    Version,
    Auth,
    Sync,
    Export,
    Webhooks,
}

/// <summary>A parsed command line.</summary>
public sealed record ParsedCommand(CommandKind Kind, ServerSettings Settings)
{
    public string? ToolName { get; init; }

    public IReadOnlyDictionary<string, JsonElement> ToolArguments { get; init; } = new Dictionary<string, JsonElement>();

    public bool Markdown { get; init; }

    /// <summary>The HTTP options given with <c>--http</c> (checked when the HTTP mode starts); null serves stdio.</summary>
    public HttpFlags? Http { get; init; }
    /// <summary>The <c>auth</c> subcommand; null with <see cref="CommandKind.Auth"/> means auth help.</summary>
    public AuthCommand? Auth { get; init; }

    /// <summary>The options of <c>sync</c> and <c>export</c>.</summary>
    public HistoryCommand History { get; init; } = new();

    /// <summary>The <c>webhooks</c> subcommand and its options.</summary>
    public WebhookCommand? Webhooks { get; init; }
}

/// <summary>The command line was wrong; the message says how (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Parses the command line and the environment into settings. Options override the environment. Hand-written rather
/// than System.CommandLine: the grammar is small and every millisecond of cold start counts for a stdio server.
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Usage: OuraMcp.Server [options]                      serve MCP over stdio
               OuraMcp.Server --http [--port n] [--bind ip] [--allowed-origins a,b] [--auth none|api-key] [options]
                                                             serve MCP over streamable HTTP at /mcp (docs/http.md)
               OuraMcp.Server tools [--markdown] [options]   list the tools (name, toolset, title)
               OuraMcp.Server call <tool> [--arg name=value ...] [options]
                                                             run one tool in-process and print its answer
               OuraMcp.Server auth login|status|logout|import [...]
                                                             sign in with Oura (`auth --help` for more)
               OuraMcp.Server sync [--since yyyy-MM-dd] [--collections a,b] [options]
                                                             keep the account's whole history locally, resumably (OURA_HISTORY_STORE)
               OuraMcp.Server export [--format duckdb|parquet|csv|jsonl] [--out path] [options]
                                                             write the local history, one table per collection
               OuraMcp.Server webhooks list|create|update|delete|renew|ensure [...]
                                                             the Oura app's webhook subscriptions (OURA_CLIENT_ID, OURA_CLIENT_SECRET,
                                                             OURA_WEBHOOK_VERIFICATION_TOKEN); ensure --callback-url URL sets up what the history needs
        Options:
          --demo                  the embedded demo person instead of a real account
          --sandbox               Oura's sandbox routes
          --toolsets a,b          toolsets to serve (default: all): {toolsets}
          --read-only             only read-only tools
          --exclude-tools x,y     tools never to serve
          --timezone <IANA>       the user's time zone (default: OURA_TIMEZONE, else the machine's)
          --base-url <url>        Oura API root (default: OURA_API_BASE_URL, else https://api.ouraring.com)
          --max-response-tokens n largest answer before it is cut and continued by cursor (default 20000)
          --http                  serve streamable HTTP instead of stdio
          --port <n>              HTTP port (default 8787; 0 picks a free one, printed when listening)
          --bind <ip>             HTTP address (default 127.0.0.1; another address needs --auth api-key)
          --allowed-origins a,b   browser origins allowed besides loopback ones (e.g. https://app.example)
          --auth <mode>           who may call /mcp: none (default, loopback only), api-key (OURA_MCP_API_KEY as
                                  the bearer), oauth (many people, each signed in to Oura) (env OURA_MCP_AUTH)
          --public-url <url>      with --auth oauth: the external base URL (env OURA_MCP_PUBLIC_URL)
          --account <id>          the signed-in account the tools read (default: OURA_ACCOUNT, else "default")
          --prompts <dir>         a folder of extra prompt templates (*.md), served beside the built-in ones
        Environment: OURA_ACCESS_TOKEN, OURA_API_BASE_URL, OURA_TIMEZONE, OURA_MCP_MAX_RESPONSE_TOKENS, OURA_MCP_PROMPTS, OURA_MCP_CURSOR_KEY,
                     OURA_HISTORY_STORE, OURA_TOKEN_STORE, OURA_TOKEN_STORE_KEY, OURA_CLIENT_ID, OURA_CLIENT_SECRET, OURA_TOKEN_URL,
                     OURA_WEBHOOK_VERIFICATION_TOKEN;
                     with --http: OURA_MCP_AUTH, OURA_MCP_API_KEY, OURA_MCP_PUBLIC_URL, OURA_MCP_RATE_LIMIT;
                     with --auth oauth: OURA_AUTHORIZE_URL, OURA_MCP_DATA_DIR, OURA_MCP_ACCESS_TOKEN_SECONDS, OURA_MCP_ADMINS
        Credentials: OURA_ACCESS_TOKEN when set; else the account signed in with `auth login`; else signed out.
        """;

    public const string HelpLine = "Run `OuraMcp.Server --help` for usage.";

    public static string UsageText => Usage.Replace("{toolsets}", string.Join(",", Toolsets.All.Select(t => t.Name)), StringComparison.Ordinal);

    public static ParsedCommand Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var kind = CommandKind.Serve;
        string? toolName = null;
        var toolArguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var markdown = false;
        bool demo = false, sandbox = false, readOnly = false;
        string? toolsets = null, exclude = null, timezone = null, baseUrl = null, maxTokens = null, account = null, prompts = null;
        AuthCommand? auth = null;
        var history = new HistoryCommand();
        WebhookCommand? webhooks = null;
        bool http = false;
        string? port = null, bind = null, origins = null, endpointAuth = null, publicUrl = null;

        var commandSeen = false;

        // The command word (tools, call <tool>, auth login) may stand before or after the options:
        // `--demo call get_sleep` and `call get_sleep --demo` mean the same.
        void Command(ref int position)
        {
            commandSeen = true;
            switch (args[position])
            {
                case "tools": kind = CommandKind.ListTools; break;
                case "call":
                    kind = CommandKind.Call;
                    if (position + 1 >= args.Count || args[position + 1].StartsWith('-')) throw new UsageException("call needs a tool name: OuraMcp.Server call <tool> [--arg name=value ...].");
                    toolName = args[++position];
                    break;
                case "auth":
                    // Everything after `auth` is its own grammar (AuthCommandLine): its --port is the redirect port.
                    kind = CommandKind.Auth;
                    auth = AuthCommandLine.Parse(args.Skip(position + 1).ToList(), environment);
                    position = args.Count;
                    break;
                case "sync": kind = CommandKind.Sync; break;
                case "export": kind = CommandKind.Export; break;
                case "webhooks":
                    kind = CommandKind.Webhooks;
                    if (position + 1 >= args.Count || args[position + 1].StartsWith('-')) throw new UsageException($"Usage: OuraMcp.Server {WebhookCommand.Usage}.");
                    webhooks = new WebhookCommand { Verb = WebhookCommand.ParseVerb(args[++position]) };
                    if (WebhookCommand.TakesId(webhooks.Verb) && position + 1 < args.Count && !args[position + 1].StartsWith('-')) webhooks = webhooks with { Id = args[++position] };
                    break;
                case "help": kind = CommandKind.Help; break;
                default: throw new UsageException($"Unknown command '{args[position]}'. Commands: tools, call, auth, sync, export, webhooks.");
            }
        }

        for (var position = 0; position < args.Count; position++)
        {
            var (name, inline) = Split(args[position]);
            string Value() => inline ?? (position + 1 < args.Count ? args[++position] : throw new UsageException($"{name} needs a value."));
            switch (name)
            {
                case "--demo": demo = true; break;
                case "--sandbox": sandbox = true; break;
                case "--read-only": readOnly = true; break;
                case "--toolsets": toolsets = Value(); break;
                case "--exclude-tools": exclude = Value(); break;
                case "--timezone": timezone = Value(); break;
                case "--base-url": baseUrl = Value(); break;
                case "--max-response-tokens": maxTokens = Value(); break;
                case "--http": http = true; break;
                case "--port": port = Value(); break;
                case "--bind": bind = Value(); break;
                case "--allowed-origins": origins = Value(); break;
                case "--auth": endpointAuth = Value(); break;
                case "--public-url": publicUrl = Value(); break;
                case "--account": account = Value(); break;
                case "--prompts": prompts = Value(); break;
                case "--markdown" when kind == CommandKind.ListTools: markdown = true; break;
                case "--since" when kind == CommandKind.Sync: history = history with { Since = HistoryCommand.ParseDay(Value()) }; break;
                case "--collections" when kind == CommandKind.Sync: history = history with { Collections = HistoryCommand.ParseCollections(Value()) }; break;
                case "--format" when kind == CommandKind.Export: history = history with { Format = HistoryCommand.ParseFormat(Value()) }; break;
                case "--out" when kind == CommandKind.Export: history = history with { Out = Value() }; break;
                case "--callback-url" when kind == CommandKind.Webhooks: webhooks = webhooks! with { CallbackUrl = Value() }; break;
                case "--data-type" when kind == CommandKind.Webhooks: webhooks = webhooks! with { DataType = Value() }; break;
                case "--event-type" when kind == CommandKind.Webhooks: webhooks = webhooks! with { EventType = Value() }; break;
                case "--arg" when kind == CommandKind.Call:
                    var pair = Value();
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0) throw new UsageException($"--arg takes name=value, not '{pair}'.");
                    toolArguments[pair[..eq]] = ParseValue(pair[(eq + 1)..]);
                    break;
                case "--help" or "-h": kind = CommandKind.Help; break;
                case "--version": kind = CommandKind.Version; break;
                case not null when !name.StartsWith('-') && !commandSeen: Command(ref position); break;
                default: throw new UsageException($"Unknown option '{args[position]}'.");
            }
        }

        var settings = new ServerSettings
        {
            AccessToken = environment("OURA_ACCESS_TOKEN"),
            BaseUrl = ParseUrl(baseUrl ?? environment("OURA_API_BASE_URL")),
            Sandbox = sandbox,
            Demo = demo,
            // The demo person lives in Helsinki: unless told otherwise, demo days are her local days.
            TimeZone = ParseTimeZone(timezone ?? environment("OURA_TIMEZONE") ?? (demo ? DemoBackend.TimeZoneId : null)),
            Toolsets = ParseToolsets(toolsets),
            ReadOnly = readOnly,
            ExcludedTools = List(exclude).ToHashSet(StringComparer.Ordinal),
            MaxResponseTokens = ParseTokens(maxTokens ?? environment("OURA_MCP_MAX_RESPONSE_TOKENS")),
            CursorKey = environment("OURA_MCP_CURSOR_KEY"),
            Account = AccountIds.Parse(account ?? environment(AccountIds.Variable)),
            AccountEnvironment = environment,
            PromptsDirectory = prompts ?? environment("OURA_MCP_PROMPTS"),
        };
        if (!http && (port ?? bind ?? origins ?? endpointAuth ?? publicUrl) is not null) throw new UsageException("--port, --bind, --allowed-origins, --auth and --public-url go with --http.");
        if (http && kind is not (CommandKind.Serve or CommandKind.Help or CommandKind.Version)) throw new UsageException("--http serves MCP; it does not go with a command.");
        var httpOptions = http ? new HttpFlags(port, bind, origins, endpointAuth, publicUrl) : null;
        return new ParsedCommand(kind, settings) { ToolName = toolName, ToolArguments = toolArguments, Markdown = markdown, Http = httpOptions, Auth = auth, History = history, Webhooks = webhooks?.Checked() };
    }

    /// <summary>A value that parses as JSON is JSON (numbers, booleans, arrays); anything else is a string.</summary>
    public static JsonElement ParseValue(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text, Answers.ServerJsonContext.Default.String);
        }
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal)) return (arg, null);
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static IEnumerable<string> List(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlySet<string> ParseToolsets(string? text)
    {
        if (text is null) return Toolsets.Default;
        var names = List(text).ToList();
        if (names.Contains("all")) return Toolsets.Default;
        var unknown = names.Where(n => !Toolsets.IsKnown(n)).ToList();
        if (unknown.Count > 0 || names.Count == 0)
        {
            throw new UsageException(
                $"Unknown toolset{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown)}. Toolsets: {string.Join(", ", Toolsets.All.Select(t => t.Name))} (or all).");
        }

        return names.ToHashSet(StringComparer.Ordinal);
    }

    private static TimeZoneInfo ParseTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return TimeZoneInfo.Local;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new UsageException($"Unknown time zone '{id}'. Use an IANA name such as Europe/Helsinki or America/New_York.");
        }
    }

    /// <summary>The given Oura API root, checked; null when none is given (the settings' default).</summary>
    private static Uri? ParseUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http") return uri;
        throw new UsageException($"'{text}' is not an http(s) URL for the Oura API.");
    }

    private static int ParseTokens(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return ServerSettings.DefaultMaxResponseTokens;
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n is >= ServerSettings.MinMaxResponseTokens and <= ServerSettings.MaxMaxResponseTokens) return n;
        throw new UsageException(
            $"The response budget must be a whole number of tokens from {ServerSettings.MinMaxResponseTokens:N0} to {ServerSettings.MaxMaxResponseTokens:N0}, not '{Querying.Echo.Short(text)}'.");
    }
}
