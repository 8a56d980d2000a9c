using StoryBot.Testing.Storage;

namespace StoryBot.Tests.TestSupport;

/// <summary>
/// A test that needs the shared PostgreSQL server: skipped on a developer machine without one
/// (STORYBOT_TEST_POSTGRES unset), run under CI=true anyway, where it fails without the server.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresTestServer.SkipReason;
    }
}
