using OuraMcp.Server.Hosting;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

public sealed class SignedOutTests
{
    [Theory]
    [InlineData("get_daily_summary")]
    [InlineData("get_personal_info")]
    [InlineData("get_heart_rate")]
    public async Task Without_credentials_the_server_starts_and_every_data_tool_says_how_to_sign_in(string tool)
    {
        await using var server = await InProcessServer.StartAsync(new ServerSettings(), SecretCapture.Watch);

        var result = await server.Client.CallToolAsync(tool);

        result.IsError.Should().BeTrue();
        result.StructuredContent.Should().BeNull();
        result.Text().Should().Be(SignedOutOuraClient.Message);
    }
}
