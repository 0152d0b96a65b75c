namespace ServerlessSupport.Functions.Tests.Infra;

public sealed class InfraTests
{
    [Fact]
    public async Task MainBicep_Build_CompilesWithoutWarnings()
    {
        var (exit, _, errors) = await BicepCli.RunAsync("build", BicepCli.MainBicep, "--stdout");

        Assert.True(exit == 0, errors);
        Assert.DoesNotContain("Warning", errors, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MainBicep_Lint_HasNoFindings()
    {
        var (exit, output, errors) = await BicepCli.RunAsync("lint", BicepCli.MainBicep);

        Assert.True(exit == 0 && output.Trim().Length == 0 && errors.Trim().Length == 0, output + errors);
    }

    [Fact]
    public async Task MainTemplate_FunctionApp_IsDotnetIsolatedOnFlexConsumptionWithIdentityStorage()
    {
        var template = await BicepCli.MainTemplateAsync();

        var plan = Assert.Single(BicepCli.Resources(template, "Microsoft.Web/serverfarms"));
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        var app = Assert.Single(BicepCli.Resources(template, "Microsoft.Web/sites"));
        var config = app["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal("SystemAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
        var storage = Assert.Single(BicepCli.Resources(template, "Microsoft.Storage/storageAccounts"));
        Assert.False((bool)storage["properties"]!["allowSharedKeyAccess"]!);
        Assert.Equal(5, BicepCli.Resources(template, "Microsoft.Authorization/roleAssignments").Count());
    }
}
