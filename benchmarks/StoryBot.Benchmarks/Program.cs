using BenchmarkDotNet.Running;
using StoryBot.Benchmarks.Discord;
using StoryBot.Benchmarks.Slack;

// The first argument picks a load tool; anything else is for BenchmarkDotNet.
switch (args)
{
    case [DiscordLoad.Mode, .. var discordArgs]:
        return await DiscordLoad.RunAsync(discordArgs);
    case ["slack-load", .. var slackArgs]:
        return await SlackLoad.RunAsync(slackArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(DiscordLoad).Assembly).Run(args);
return 0;
