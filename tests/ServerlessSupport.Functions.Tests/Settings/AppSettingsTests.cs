using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServerlessSupport.Functions.Settings;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Settings;

public sealed partial class AppSettingsTests
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
    public void Bicep_SetsEveryAzureSetting()
    {
        var bicep = File.ReadAllText(RepositoryRoot.Combine("infra", "main.bicep"));
        var set = BicepAppSettingName().Matches(bicep).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        var missing = AppSettings.All.Where(s => s.Azure && !set.Contains(s.Name)).Select(s => s.Name).ToList();

        Assert.True(missing.Count == 0, "Not set by infra/main.bicep: " + string.Join(", ", missing));
        Assert.Contains("FUNCTIONS_WORKER_RUNTIME", set);
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
        Assert.Equal("custom", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
    }

    [Fact]
    public void EverySetting_IsDocumentedSomewhereUnlessThePlatformSetsIt()
    {
        var undocumented = AppSettings.All.Where(s => !s.Local && !s.Azure).Select(s => s.Name);

        Assert.Equal([AppSettings.CustomHandlerPort], undocumented);
    }

    [Fact]
    public void LocalSettings_Read_MapsDoubleUnderscoreToSections()
    {
        var values = LocalSettings.Read("""{"IsEncrypted":false,"Values":{"Support__Address":"help@example.com","AzureWebJobsStorage":"UseDevelopmentStorage=true"}}""");

        Assert.Equal("help@example.com", values["Support:Address"]);
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
    }

    // An app setting in the Bicep is an object with `name: '<setting>'`.
    [GeneratedRegex(@"name:\s*'(?<name>[A-Za-z0-9_]+)'")]
    private static partial Regex BicepAppSettingName();
}
