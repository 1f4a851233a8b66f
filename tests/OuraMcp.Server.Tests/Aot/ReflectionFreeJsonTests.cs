using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OuraMcp.Server.Tests.Accounts;
using OuraMcp.Server.Tests.Resources;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Server.Tests.Webhooks;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Aot;

/// <summary>
/// The guard for the Native AOT build that runs with every test run: the built (JIT) server, started with the feature
/// switches the AOT publish sets (<see cref="AotRuntimeConfig"/>: above all no reflection-based JSON), serves demo mode
/// over stdio to the C# SDK's client, which asks for everything it offers. A type missing from a source-generated JSON
/// context, or a serializer call without type information, fails here instead of only in a native executable.
/// </summary>
public sealed class ReflectionFreeJsonTests
{
    [Fact]
    public async Task Every_tool_resource_prompt_and_completion_of_the_stdio_server_answers_without_reflection_based_json()
    {
        var stderr = new ConcurrentQueue<string>();
        var failures = new List<string>();
        var today = ToolExamples.DemoToday;
        var synced = $"oura://daily_sleep/{Day(today.AddDays(-10))}";
        IReadOnlyList<string> updated;
        await using (var client = await StartAsync(stderr, null, null, "--demo"))
        {
            client.ServerInfo.Should().NotBeNull("initialize was answered");
            var (listener, granted) = await ResourceListener.OpenAsync(client, synced);
            await using var listening = listener;
            granted.Should().Equal(synced);

            var cursorsFollowed = await CallEveryToolAsync(client, new ToolExamples(today), DefinedTools.Count, failures);
            if (cursorsFollowed == 0) failures.Add("no example answer was cut and continued with a cursor: give one a range too long for one answer (raw heart rate over days).");
            await ReadEveryResourceAsync(client, failures);
            await GetEveryPromptAsync(client, failures);

            await listener.WaitForAsync(1);
            updated = listener.Updated;
        }

        ShouldAllHaveAnswered(failures, stderr);
        updated.Should().Contain(synced, "sync_history filled the day the listen stream asked about");
    }

    [Fact]
    public async Task Every_webhook_tool_answers_without_reflection_based_json()
    {
        await using var oura = await WebhookHarness.StartAsync();
        var stderr = new ConcurrentQueue<string>();
        var failures = new List<string>();
        await using (var client = await StartAsync(stderr, oura.Environment(), null, "--toolsets", "webhooks"))
        {
            await CallEveryToolAsync(client, new ToolExamples(ToolExamples.DemoToday), DefinedTools.Webhooks, failures);
        }

        ShouldAllHaveAnswered(failures, stderr);
        oura.Callback.Checks.Should().Be(1, "the example's create was verified against the callback");
        (await oura.SubscriptionsAsync()).Should().BeEmpty("the examples deleted the subscription they created");
    }

    [Fact]
    public async Task A_stored_sign_in_is_refreshed_saved_and_used_without_reflection_based_json()
    {
        await using var world = await SignInWorld.StartAsync();
        var seeded = await world.SeedExpiredSignInAsync();
        var stderr = new ConcurrentQueue<string>();
        await using (var client = await StartAsync(stderr, world.Environment(), null))
        {
            var info = await client.CallToolAsync("get_personal_info");
            var week = await client.CallToolAsync("get_daily_summary");

            info.IsError.Should().NotBe(true, info.Text());
            week.IsError.Should().NotBe(true, week.Text());
        }

        var stored = await world.Store().TryGetAsync("default", CancellationToken.None);
        stored!.AccessToken.Should().NotBe(seeded.AccessToken, "the refreshed sign-in was written to the token store");
        world.OAuth.IsAccessTokenValid(stored.AccessToken).Should().BeTrue();
        ShouldCarryNoSerializationFailure(stderr);
    }

    [Fact]
    public async Task A_resource_subscription_of_protocol_2025_11_25_is_told_of_a_sync_without_reflection_based_json()
    {
        var stderr = new ConcurrentQueue<string>();
        var uri = $"oura://daily_sleep/{Day(ToolExamples.DemoToday.AddDays(-10))}";
        await using (var client = await StartAsync(stderr, null, new McpClientOptions { ProtocolVersion = "2025-11-25" }, "--demo"))
        {
            var told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            await client.SubscribeToResourceAsync(uri, (n, _) => { told.TrySetResult(n.Uri); return ValueTask.CompletedTask; });

            var sync = await client.CallToolAsync("sync_history", new Dictionary<string, object?> { ["since"] = Day(ToolExamples.DemoToday.AddDays(-12)), ["collections"] = "daily_sleep" });

            sync.IsError.Should().NotBe(true, sync.Text());
            (await told.Task.WaitAsync(TimeSpan.FromSeconds(20))).Should().Be(uri);
            await client.UnsubscribeFromResourceAsync(uri);
        }

        ShouldCarryNoSerializationFailure(stderr);
    }

    /// <summary>
    /// Every tool the server lists (so a new tool is covered without touching this test), with every example of it;
    /// returns how many cut answers were continued with their cursor.
    /// </summary>
    private static async Task<int> CallEveryToolAsync(McpClient client, ToolExamples examples, int expectedTools, List<string> failures)
    {
        IList<McpClientTool> tools;
        try
        {
            tools = await client.ListToolsAsync();
        }
        catch (McpException e)
        {
            // Building the catalog writes every tool's output schema, so one answer type missing from a JSON context fails the whole list.
            failures.Add($"tools/list failed: {e.Message}");
            return 0;
        }

        tools.Should().HaveCount(expectedTools);
        var cursorsFollowed = 0;
        foreach (var tool in tools.Select(t => t.ProtocolTool).OrderBy(t => ToolExamples.Order(t.Name)))
        {
            if (examples.For(tool.Name) is not { Count: > 0 } calls)
            {
                failures.Add($"{tool.Name} has no example arguments: add them to tests/OuraMcp.Server.Tests/Aot/ToolExamples.cs, so that the tool is called with reflection-based JSON switched off.");
                continue;
            }

            foreach (var arguments in calls)
            {
                var call = $"{tool.Name} {JsonSerializer.Serialize(arguments)}";
                try
                {
                    var result = await client.CallToolAsync(tool.Name, arguments);
                    examples.Learn(tool.Name, result);
                    if (result.IsError == true) failures.Add($"{call} answered with an error: {result.Text()}");
                    else if (StructuredContentFault(tool, result) is { } fault) failures.Add($"{call}: {fault}");
                    else if (result.StructuredContent?.TryGetProperty("cursor", out var cursor) == true)
                    {
                        // The rest of a cut answer: the cursor is written and read back through the JSON context too.
                        var rest = await client.CallToolAsync(tool.Name, new Dictionary<string, object?> { ["cursor"] = cursor.GetString() });
                        if (rest.IsError == true) failures.Add($"{call}, continued with its cursor, answered with an error: {rest.Text()}");
                        cursorsFollowed++;
                    }
                }
                catch (McpException e)
                {
                    failures.Add($"{call} failed: {e.Message}");
                }
            }
        }

        return cursorsFollowed;
    }

    /// <summary>Why the structured answer does not fit the declared output schema's top level, or null when it does.</summary>
    private static string? StructuredContentFault(Tool tool, CallToolResult result)
    {
        if (tool.OutputSchema is not { } schema) return null;
        if (result.StructuredContent is not { ValueKind: JsonValueKind.Object } answer) return "no structured content, though the tool declares an output schema";
        var declared = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        var written = answer.EnumerateObject().Select(p => p.Name).ToList();
        var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!) : [];
        var unknown = written.Except(declared).ToList();
        var missing = required.Except(written).ToList();
        return unknown.Count + missing.Count == 0 ? null
            : $"structured content does not fit the output schema (not declared: {string.Join(", ", unknown)}; required but missing: {string.Join(", ", missing)})";
    }

    /// <summary>Every listed resource, and one address of every template, its parts filled by the server's own completions.</summary>
    private static async Task ReadEveryResourceAsync(McpClient client, List<string> failures)
    {
        var uris = (await client.ListResourcesAsync()).Select(r => r.Uri).ToList();
        uris.Should().NotBeEmpty();
        foreach (var template in (await client.ListResourceTemplatesAsync()).Select(t => t.UriTemplate))
        {
            var known = new Dictionary<string, string>();
            foreach (var part in Regex.Matches(template, @"\{(\w+)\}").Select(m => m.Groups[1].Value))
            {
                var completion = await CompleteAsync(client, new ResourceTemplateReference { Uri = template }, part, known);
                if (completion.FirstOrDefault() is not { } value)
                {
                    failures.Add($"completion offered no value for {part} of {template}");
                    break;
                }

                known[part] = value;
            }

            uris.Add(known.Aggregate(template, (uri, part) => uri.Replace("{" + part.Key + "}", part.Value, StringComparison.Ordinal)));
        }

        foreach (var uri in uris.Where(u => !u.Contains('{')))
        {
            try
            {
                var read = await client.ReadResourceAsync(uri);
                if (read.Contents.Count == 0) failures.Add($"{uri} was read with no contents");
            }
            catch (McpException e)
            {
                failures.Add($"reading {uri} failed: {e.Message}");
            }
        }
    }

    /// <summary>Every prompt, each required argument filled by the server's own completion (the others keep their defaults).</summary>
    private static async Task GetEveryPromptAsync(McpClient client, List<string> failures)
    {
        var prompts = await client.ListPromptsAsync();
        prompts.Should().NotBeEmpty();
        foreach (var prompt in prompts.Select(p => p.ProtocolPrompt))
        {
            var arguments = new Dictionary<string, object?>();
            foreach (var argument in prompt.Arguments?.Where(a => a.Required == true) ?? [])
            {
                var completion = await CompleteAsync(client, new PromptReference { Name = prompt.Name }, argument.Name, []);
                if (completion.FirstOrDefault() is { } value) arguments[argument.Name] = value;
                else failures.Add($"completion offered no value for {argument.Name} of the prompt {prompt.Name}");
            }

            try
            {
                var got = await client.GetPromptAsync(prompt.Name, arguments);
                if (got.Messages.Count == 0) failures.Add($"the prompt {prompt.Name} has no messages");
            }
            catch (McpException e)
            {
                failures.Add($"getting the prompt {prompt.Name} {JsonSerializer.Serialize(arguments)} failed: {e.Message}");
            }
        }
    }

    private static async Task<IList<string>> CompleteAsync(McpClient client, Reference reference, string argument, Dictionary<string, string> known) =>
        (await client.CompleteAsync(new CompleteRequestParams
        {
            Ref = reference,
            Argument = new Argument { Name = argument, Value = "" },
            Context = new CompleteContext { Arguments = known },
        })).Completion.Values;

    /// <summary>The built server with the AOT switches, its environment as <see cref="ServerProcess"/> gives it plus <paramref name="variables"/>.</summary>
    private static async Task<McpClient> StartAsync(
        ConcurrentQueue<string> stderr, IReadOnlyDictionary<string, string>? variables, McpClientOptions? options, params string[] args)
    {
        var info = ServerProcess.StartInfo(args);
        var environment = info.Environment.ToDictionary(e => e.Key, e => e.Value);
        foreach (var removed in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => !info.Environment.ContainsKey(k)))
        {
            environment[removed] = null;
        }

        foreach (var (name, value) in variables ?? new Dictionary<string, string>()) environment[name] = value;

        var transport = new StdioClientTransport(new()
        {
            Name = "OuraMcp.Server (AOT switches)",
            Command = info.FileName,
            Arguments = ["exec", "--runtimeconfig", AotRuntimeConfig.Path, .. info.ArgumentList],
            EnvironmentVariables = environment,
            StandardErrorLines = stderr.Enqueue,
        });
        return await McpClient.CreateAsync(transport, ServerProcess.ClientOptions(options));
    }

    private static void ShouldAllHaveAnswered(List<string> failures, IEnumerable<string> stderr)
    {
        if (failures.Count > 0) Assert.Fail(string.Join('\n', failures) + "\n\nThe server's stderr, last 60 lines:\n" + string.Join('\n', stderr.TakeLast(60)));
        ShouldCarryNoSerializationFailure(stderr);
    }

    /// <summary>What a reflection miss leaves on stderr when it is caught and logged rather than answered.</summary>
    private static void ShouldCarryNoSerializationFailure(IEnumerable<string> stderr)
    {
        var lines = stderr.ToList();
        var text = string.Join('\n', lines);
        SecretScan.ShouldBeClean("the stderr of the server run with the AOT switches", text);
        text.Should().NotContain("NotSupportedException").And.NotContainEquivalentOf("reflection-based serialization")
            .And.NotContain("JsonTypeInfo metadata");
        lines.Should().NotContain(l => Regex.IsMatch(l, @"^\s+at \S+\("), "no stack trace is written:\n" + text);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
