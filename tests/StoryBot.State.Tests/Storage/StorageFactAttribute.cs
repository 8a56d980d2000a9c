using StoryBot.Testing.Storage;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace StoryBot.State.Tests.Storage;

/// <summary>
/// A fact of the storage contract. On a class marked <see cref="RequiresPostgresAttribute"/> it is
/// skipped when no PostgreSQL server is configured (STORYBOT_TEST_POSTGRES unset) on a developer
/// machine; under CI=true it runs anyway, and fails, because CI must exercise PostgreSQL.
/// </summary>
[XunitTestCaseDiscoverer("StoryBot.State.Tests.Storage.StorageFactDiscoverer", "StoryBot.State.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StorageFactAttribute : FactAttribute;

[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;

public sealed class StorageFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        var skipReason = needsPostgres ? PostgresTestServer.SkipReason : null;
        return skipReason is null
            ? base.CreateTestCase(discoveryOptions, testMethod, factAttribute)
            : new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                skipReason);
    }
}
