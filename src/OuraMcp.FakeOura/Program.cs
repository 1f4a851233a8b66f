// The standalone fake Oura: `dotnet run --project src/OuraMcp.FakeOura -- [--port 5055]`.
// stdout carries only the base URL and the demo token (scripts read them); logs go to stderr.
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

await using var server = await FakeOuraServer.StartAsync(options, port, builder =>
{
    builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
    builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
}, CancellationToken.None);

Console.WriteLine($"Fake Oura listening on {server.BaseAddress}");
Console.WriteLine($"Demo bearer token: {FakeDefaults.DemoToken}");
Console.Out.Flush();
await server.WaitForShutdownAsync();
return 0;
