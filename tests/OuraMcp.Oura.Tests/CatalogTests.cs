using System.Text.Json;
using OuraMcp.Oura.Catalog;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests;

public class CatalogTests
{
    private static readonly JsonDocument Spec = JsonDocument.Parse(File.ReadAllText(SpecFile.Path));

    [Fact]
    public void Catalog_lists_the_nineteen_collections_once_each()
    {
        OuraCatalog.All.Should().HaveCount(19);
        OuraCatalog.All.Select(c => c.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Every_route_the_catalog_implies_exists_in_the_spec_and_every_spec_path_is_implied()
    {
        var specPaths = Spec.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        var implied = new HashSet<string>();
        foreach (var c in OuraCatalog.All)
        {
            implied.Add(c.Path);
            if (c.HasDocumentRoute) implied.Add(c.Path + "/{document_id}");
            if (c.HasSandbox) implied.Add(c.SandboxPath);
            if (c.HasSandbox && c.HasDocumentRoute) implied.Add(c.SandboxPath + "/{document_id}");
        }
        foreach (var op in OuraCatalog.WebhookOperations) implied.Add(op.PathTemplate);

        implied.Should().BeEquivalentTo(specPaths);
        specPaths.Should().HaveCount(72);
    }

    [Fact]
    public void Catalog_parameters_match_the_spec()
    {
        foreach (var c in OuraCatalog.All)
        {
            var names = QueryParameters(c.Path);
            names.Contains("start_date").Should().Be(c.Range == RangeKind.Dates, c.Name);
            names.Contains("start_datetime").Should().Be(c.Range == RangeKind.DateTimes, c.Name);
            names.Contains("latest").Should().Be(c.SupportsLatest, c.Name);
            if (c.HasSandbox)
            {
                var sandbox = QueryParameters(c.SandboxPath);
                sandbox.Should().NotContain(["fields", "latest"], "sandbox routes take neither (docs/oura-api.md §3)");
            }
        }
    }

    [Fact]
    public void Webhook_data_types_are_the_specs_enum_less_meal()
    {
        var values = Spec.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ExtApiV2DataType")
            .GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList();
        OuraCatalog.All.Where(c => c.WebhookDataType is not null).Select(c => c.WebhookDataType)
            .Should().BeEquivalentTo(values.Where(v => v != "meal"));
    }

    private static HashSet<string> QueryParameters(string path) =>
        Spec.RootElement.GetProperty("paths").GetProperty(path).GetProperty("get").TryGetProperty("parameters", out var ps)
            ? ps.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToHashSet()
            : [];
}
