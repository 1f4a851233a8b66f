using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Hosting;

/// <summary>Stands in for the in-process fake Oura until it is merged: <c>--demo</c> refuses to start, clearly.</summary>
public static class DemoBackendPlaceholder
{
    public const string Message = "Demo mode needs the fake Oura, which is not merged yet.";

    public static void Configure(IServiceCollection services) => throw new NotSupportedException(Message);
}

/// <summary>Stands in for the real Oura HTTP client until it is merged: tools answer that it is missing.</summary>
public static class RealClientPlaceholder
{
    public static void Configure(IServiceCollection services) => services.TryAddSingleton<IOuraClient, MissingHttpClient>();

    private sealed class MissingHttpClient : IOuraClient
    {
        private const string Message = "This build has no Oura HTTP client yet (it is not merged); only tests and, later, --demo serve data.";

        public Task<OuraResult<T>> ListAsync<T>(OuraCollection<T> collection, OuraListRequest request, CancellationToken cancellationToken) =>
            throw new OuraUnavailableException(Message);

        public Task<T> GetDocumentAsync<T>(OuraCollection<T> collection, string documentId, CancellationToken cancellationToken) =>
            throw new OuraUnavailableException(Message);

        public Task<PersonalInfo> GetPersonalInfoAsync(CancellationToken cancellationToken) => throw new OuraUnavailableException(Message);
    }
}
