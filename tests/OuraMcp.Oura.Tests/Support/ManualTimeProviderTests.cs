using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Support;

public class ManualTimeProviderTests
{
    [Fact]
    public async Task A_delay_completes_only_when_the_clock_passes_it()
    {
        var clock = new ManualTimeProvider();
        var delay = Task.Delay(TimeSpan.FromSeconds(30), clock);

        clock.Advance(TimeSpan.FromSeconds(29));
        delay.IsCompleted.Should().BeFalse();

        clock.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
