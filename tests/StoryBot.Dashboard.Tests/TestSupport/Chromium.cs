using Microsoft.Playwright;

namespace StoryBot.Dashboard.Tests.TestSupport;

/// <summary>
/// Headless Chromium driven by Playwright: the system's browser, so nothing is downloaded; one
/// browser per test class, a fresh context (cookies, storage) per test.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    // Started by the first test that asks for a page, so a class whose tests are skipped starts nothing.
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>A new browser window of <paramref name="width"/> CSS pixels (a desktop by default, 390 for a phone).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        _playwright ??= await Playwright.CreateAsync();
        _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
