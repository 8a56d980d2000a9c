using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StoryBot.ConsoleChat;
using StoryBot.Core;
using StoryBot.Core.Knowledge;
using StoryBot.Curation;
using StoryBot.Hosting;
using StoryBot.Hosting.Health;

if (args is [CurateCommandLine.Verb, .. var curate])
{
    return await CurateCommandLine.RunAsync(curate, Console.Out, Console.Error);
}

var mode = RunMode.Parse(args);
if (mode.Kind == RunKind.HealthCheck)
{
    return await HealthCheckCommand.RunAsync(mode.HostArgs, Console.Out);
}

try
{
    using var host = StoryBotApp.Build(mode);

    // Options validated and the pack loaded here rather than inside StartAsync, whose failure
    // log would print a stack trace ahead of the plain message below.
    host.Services.GetService<IStartupValidator>()?.Validate();

    // Before the pack loads, which can take long: probes learn the bot is alive and not ready yet.
    if (host.Services.GetService<HealthListener>() is { } health)
    {
        await health.StartAsync(CancellationToken.None);
    }

    _ = host.Services.GetRequiredService<IKnowledgeProvider>().Current;
    foreach (var check in host.Services.GetServices<IStartupCheck>())
    {
        await check.CheckAsync(CancellationToken.None);
    }

    if (mode.Kind == RunKind.Serve)
    {
        await host.RunAsync();
        return 0;
    }

    await host.StartAsync();
    var conversation = host.Services.GetRequiredService<ConsoleConversation>();
    var streams = host.Services.GetRequiredService<ConsoleStreams>();
    await AskCommandLine.RunAsync(mode, conversation, streams, CancellationToken.None);
    await host.StopAsync();
    return 0;
}
catch (Exception exception) when (StartupFailure.IsStartupFailure(exception))
{
    await Console.Error.WriteLineAsync("StoryBot cannot start:" + Environment.NewLine + StartupFailure.Describe(exception));
    return 1;
}
