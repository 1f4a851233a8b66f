using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OuraMcp.Server.Http;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>OURA_MCP_ADMINS by Oura user id: matched against the person's id derived from it, without asking Oura.</summary>
public sealed class AppAdministratorsTests
{
    [Fact]
    public async Task An_oura_user_id_in_the_list_names_the_person_signed_in_with_it_and_no_one_else()
    {
        // No directory and no Oura client registered: an id entry must be decided without either.
        var admins = new AppAdministrators(["oura-user-1", "oura-user-2"], new ServiceCollection().BuildServiceProvider(), NullLogger<AppAdministrators>.Instance);

        (await admins.IsAdminAsync(OuraUpstreamSignIn.AccountOf("oura-user-2"), default)).Should().BeTrue();
        (await admins.IsAdminAsync(OuraUpstreamSignIn.AccountOf("oura-user-3"), default)).Should().BeFalse();
        (await admins.IsAdminAsync("oura-user-1", default)).Should().BeFalse("the list names Oura user ids, not this server's person ids");
    }
}
