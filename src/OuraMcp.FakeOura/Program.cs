// The standalone fake Oura: `dotnet run --project src/OuraMcp.FakeOura -- [--port 5055]`.
// stdout carries only the base URL, the demo token and the demo OAuth app settings (scripts read them); logs go to stderr.
using System.Globalization;
using Microsoft.Extensions.Logging;
using OuraMcp.FakeOura;

var port = FakeDefaults.Port;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--port" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535)
    {
        port = p;
        i++;
    }
    else
    {
        Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: OuraMcp.FakeOura [--port {FakeDefaults.Port}]");
        return 2;
    }
}

var options = new FakeOuraOptions();
// Data up to yesterday, as a ring that synced this morning would have.
var lastDay = DateOnly.FromDateTime(options.TimeProvider.GetLocalNow().DateTime).AddDays(-1);
options.Accounts.Add(new FakeAccount(FakeDefaults.DemoToken, FakeDefaults.CreateDemoPerson(lastDay)));
// Exact redirect URIs, as Oura matches them: those of `OuraMcp.Server auth login` on its default port.
options.OAuthRedirectUris.Add($"http://127.0.0.1:{FakeDefaults.RedirectPort}/callback");
options.OAuthRedirectUris.Add($"http://localhost:{FakeDefaults.RedirectPort}/callback");

var server = await FakeOuraServer.StartAsync(options, port, builder =>
{
    builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
    builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
}, CancellationToken.None).ConfigureAwait(false);
await using var serverDisposal = server.ConfigureAwait(false);

Console.WriteLine($"Fake Oura listening on {server.BaseAddress}");
Console.WriteLine($"Demo bearer token: {FakeDefaults.DemoToken}");
// The fake's app credentials are test fixtures, not secrets; printing them is what makes the OAuth side usable.
Console.WriteLine($"OAuth app: OURA_CLIENT_ID={FakeDefaults.ClientId} OURA_CLIENT_SECRET={FakeDefaults.ClientSecret} " +
                  $"OURA_AUTHORIZE_URL={server.BaseAddress}oauth/authorize OURA_TOKEN_URL={server.BaseAddress}oauth/token");
Console.Out.Flush();
await server.WaitForShutdownAsync().ConfigureAwait(false);
return 0;
