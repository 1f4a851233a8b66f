using System.Diagnostics;
using System.Globalization;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;
using OuraMcp.History.Storage;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>
/// The tools read through the local history once one is kept: the built server, run as a person runs it
/// (<c>call get_sleep</c>) against the fake Oura on loopback with <c>OURA_HISTORY_STORE</c> set, asks Oura for the
/// whole range the first time and only for the provisional days the second, and each answer says how much came from
/// the history.
/// </summary>
public sealed class HistoryReadingTests : IDisposable
{
    private const string Token = "history-reading-token";
    private readonly string _directory = Directory.CreateTempSubdirectory("oura-history-reading-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Asked_twice_the_second_answer_comes_from_the_history_but_for_the_provisional_days_and_says_so()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var options = new FakeOuraOptions();
        options.Accounts.Add(new FakeAccount(Token, FakePeople.Demo(today)));
        await using var fake = await FakeOuraServer.StartAsync(options);
        string[] call = ["call", "get_sleep", "--arg", $"start_date={Day(today.AddDays(-59))}", "--arg", $"end_date={Day(today)}"];

        var first = await RunAsync(fake, call);
        var firstAsked = SleepStartDates(fake);
        fake.Requests.Clear();
        var second = await RunAsync(fake, call);
        var secondAsked = SleepStartDates(fake);

        first.Should().Contain("History: no day from the local history; 60 asked of Oura now and stored.");
        second.Should().Contain("History: 57 of 60 days from the local history (oldest copy fetched ");
        second.Should().Contain("; 3 asked of Oura now and stored.");
        firstAsked.Should().ContainSingle().Which.Should().BeOnOrBefore(today.AddDays(-59));
        secondAsked.Should().ContainSingle().Which.Should().BeOnOrAfter(today.AddDays(-4), "only the provisional days (and Oura's margin) are asked again");
        Rows(second).Should().Equal(Rows(first), "the stored nights answer as Oura did");
    }

    [Fact]
    public async Task Without_a_history_the_answers_say_nothing_of_one_and_nothing_is_written()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var options = new FakeOuraOptions();
        options.Accounts.Add(new FakeAccount(Token, FakePeople.Demo(today)));
        await using var fake = await FakeOuraServer.StartAsync(options);

        var answer = await RunAsync(fake, ["call", "get_sleep", "--arg", $"start_date={Day(today.AddDays(-6))}"], keepHistory: false);

        answer.Should().NotContain("History:");
        Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    private async Task<string> RunAsync(FakeOuraServer fake, string[] args, bool keepHistory = true)
    {
        var info = ServerProcess.StartInfo(args);
        info.Environment["OURA_ACCESS_TOKEN"] = Token;
        info.Environment["OURA_API_BASE_URL"] = fake.BaseAddress.ToString();
        info.Environment["XDG_CONFIG_HOME"] = _directory;
        if (keepHistory) info.Environment[HistoryStores.Variable] = Path.Combine(_directory, "history.db");
        else info.Environment.Remove(HistoryStores.Variable);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        process.ExitCode.Should().Be(0, await stderr);
        return await stdout;
    }

    private static List<DateOnly> SleepStartDates(FakeOuraServer fake) =>
        fake.Requests.All.Where(r => r.Path == "/v2/usercollection/sleep")
            .Select(r => DateOnly.ParseExact(r.Query["start_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture)).Distinct().ToList();

    private static List<string> Rows(string answer) =>
        answer.Split('\n').Where(l => l.Length > 10 && char.IsDigit(l[0]) && l[4] == '-').ToList();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
