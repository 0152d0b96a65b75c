using ServerlessSupport.Testing.Hosts;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ServerlessSupport.Functions.Tests.Conformance;

/// <summary>
/// A fact of a suite that runs on more than one host: skipped, with how to get one, in a class that needs the real
/// Functions host (<see cref="IOnRealHost"/>) on a machine without it. Where the functions-host folder is beside the
/// checkout the real host is required, so nothing is skipped and a host that fails to build fails the tests.
/// </summary>
[XunitTestCaseDiscoverer("ServerlessSupport.Functions.Tests.Conformance.HostFactDiscoverer", "ServerlessSupport.Functions.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class HostFactAttribute : FactAttribute;

/// <summary>Marks a test class whose tests run on the real Functions host.</summary>
public interface IOnRealHost;

public sealed class HostFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        var onRealHost = typeof(IOnRealHost).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType());
        return onRealHost && FunctionsHost.Available is null
            ? new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, FunctionsHost.UnavailableReason)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
    }
}
