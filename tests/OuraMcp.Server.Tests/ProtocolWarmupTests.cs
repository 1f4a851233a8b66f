using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Tests;

/// <summary>The start-up head start only helps while the SDK still reads and writes its sample exchange.</summary>
public sealed class ProtocolWarmupTests
{
    [Fact]
    public void The_sample_initialize_exchange_reads_and_writes_with_the_sdks_options()
    {
        ProtocolWarmup.Run().Should().BeTrue();
    }
}
