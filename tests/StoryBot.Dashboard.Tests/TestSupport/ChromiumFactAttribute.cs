namespace StoryBot.Dashboard.Tests.TestSupport;

/// <summary>
/// A test in a real browser, Debian's <c>chromium</c>: skipped on a developer machine without it,
/// run under CI=true anyway (.ci/run installs it), where it fails without the browser.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium.ExecutablePath) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"{Chromium.ExecutablePath} is missing (apt-get install chromium, or run .ci/run)";
        }
    }
}
