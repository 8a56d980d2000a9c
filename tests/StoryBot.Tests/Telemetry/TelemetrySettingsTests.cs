using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StoryBot.Core;
using StoryBot.Hosting;
using StoryBot.Testing;

namespace StoryBot.Tests.Telemetry;

/// <summary>The <c>Telemetry</c> section and <c>Logging:Format</c>, as the host reads them at start.</summary>
public sealed class TelemetrySettingsTests
{
    [Fact]
    public void WithNothingConfiguredNoOpenTelemetryProviderIsBuilt()
    {
        using var host = StoryBotApp.Build(RunMode.Parse(Args()));

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void AnOtlpEndpointTurnsOnTracesAndMetrics()
    {
        using var host = StoryBotApp.Build(RunMode.Parse(Args("--Telemetry:OtlpEndpoint=http://127.0.0.1:9")));
        host.Services.GetRequiredService<IStartupValidator>().Validate();

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("--Telemetry:OtlpEndpoint=collector:4317", "Telemetry:OtlpEndpoint")]
    [InlineData("--Telemetry:OtlpEndpoint=ftp://collector", "Telemetry:OtlpEndpoint")]
    [InlineData("--Telemetry:Prometheus:Path=metrics", "Telemetry:Prometheus:Path")]
    [InlineData("--Telemetry:Prometheus:Path=/slack/events", "Telemetry:Prometheus:Path")]
    public void AWrongSettingStopsTheStartNamingItsKey(string setting, string key)
    {
        string[] prometheus = setting.Contains("Prometheus", StringComparison.Ordinal) ? ["--Telemetry:Prometheus:Enabled=true", "--urls=http://127.0.0.1:0"] : [];
        using var host = StoryBotApp.Build(RunMode.Parse(Args([setting, .. prometheus])));

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key, StartupFailure.Describe(failure), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownLogFormatStopsTheStartNamingTheKey()
    {
        var failure = Assert.Throws<StartupProblemException>(() => StoryBotApp.Build(RunMode.Parse(Args("--Logging:Format=xml"))));

        Assert.True(StartupFailure.IsStartupFailure(failure));
        Assert.Contains("Logging:Format", failure.Message, StringComparison.Ordinal);
    }

    private static string[] Args(params string[] more) =>
    [
        "ask",
        "--json",
        $"--Knowledge:Path={RepositoryFiles.Knowledge}",
        "--Answering:Mode=Lexical",
        .. more,
    ];
}
