using System.Reflection;
using System.Text.Json;
using ServerlessSupport.Functions.Settings;
using ServerlessSupport.Functions.Tests.Infra;
using ServerlessSupport.Standalone;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Settings;

public sealed class AppSettingsTests
{
    [Fact]
    public void All_ListsEveryDeclaredSettingName()
    {
        var declared = typeof(AppSettings).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(declared.Order(), AppSettings.All.Select(s => s.Name).Order());
    }

    [Fact]
    public async Task MainTemplate_SetsEveryAzureSettingAndNothingFlexConsumptionRefuses()
    {
        var template = await BicepCli.MainTemplateAsync();
        var app = Assert.Single(BicepCli.Resources(template, "Microsoft.Web/sites"));
        var set = app["properties"]!["siteConfig"]!["appSettings"]!.AsArray().Select(s => (string)s!["name"]!).ToHashSet(StringComparer.Ordinal);

        var missing = AppSettings.All.Where(s => s.Azure && !set.Contains(s.Name)).Select(s => s.Name).ToList();

        Assert.True(missing.Count == 0, "Not set by infra/main.bicep: " + string.Join(", ", missing));

        // Flex Consumption takes the runtime from functionAppConfig and refuses these as app settings.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", set);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", set);
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", set);
    }

    [Fact]
    public void LocalSample_DocumentsEveryLocalSetting()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("local.settings.sample.json")));
        Assert.False(sample.RootElement.GetProperty("IsEncrypted").GetBoolean());
        var values = sample.RootElement.GetProperty("Values");
        var keys = values.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        var missing = AppSettings.All.Where(s => s.Local && !keys.Contains(s.Name)).Select(s => s.Name).ToList();

        Assert.True(missing.Count == 0, "Not in local.settings.sample.json: " + string.Join(", ", missing));
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
    }

    [Fact]
    public void EverySetting_IsDocumentedSomewhereUnlessThePlatformSetsIt()
    {
        var undocumented = AppSettings.All.Where(s => !s.Local && !s.Azure).Select(s => s.Name);

        Assert.Empty(undocumented);
    }

    [Fact]
    public void LocalSettings_Read_MapsDoubleUnderscoreToSections()
    {
        var values = LocalSettings.Read("""{"IsEncrypted":false,"Values":{"Support__Address":"help@example.com","AzureWebJobsStorage":"UseDevelopmentStorage=true"}}""");

        Assert.Equal("help@example.com", values["Support:Address"]);
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
    }
}
