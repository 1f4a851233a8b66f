using System.Text.Json;
using OuraMcp.Oura.Json;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Tests.Http;

/// <summary>Reads a 422 body through the project's own model, checking every entry has loc, msg and type.</summary>
internal static class ValidationErrors
{
    public static async Task<HttpValidationError> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var error = JsonSerializer.Deserialize(text, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<HttpValidationError>)OuraJson.Options.GetTypeInfo(typeof(HttpValidationError)))!;
        error.Detail.Should().NotBeNullOrEmpty(text);
        foreach (var entry in error.Detail!)
        {
            entry.Loc.Should().NotBeEmpty(text);
            entry.Msg.Should().NotBeNullOrEmpty(text);
            entry.Type.Should().NotBeNullOrEmpty(text);
            entry.Unknown.Should().BeNull("the body has exactly pydantic's members");
        }
        return error;
    }
}
