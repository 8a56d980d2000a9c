using BenchmarkDotNet.Running;
using StoryBot.Benchmarks.Conversation;
using StoryBot.Benchmarks.Discord;
using StoryBot.Benchmarks.Latency;
using StoryBot.Benchmarks.Retrieval;
using StoryBot.Benchmarks.Slack;

// The first argument picks a mode; anything else is for BenchmarkDotNet (e.g. --filter '*StoryAnswer*').
switch (args)
{
    case [LatencyMode.Name, .. var latencyArgs]:
        return await LatencyMode.RunAsync(latencyArgs);
    case [QualityMode.Name]:
        return await QualityMode.RunAsync();
    case [MemoryMode.Name, .. var memoryArgs]:
        return await MemoryMode.RunAsync(memoryArgs);
    case [StartupMode.Name, .. var startupArgs]:
        return await StartupMode.RunAsync(startupArgs);
    case [DiscordLoad.Mode, .. var discordArgs]:
        return await DiscordLoad.RunAsync(discordArgs);
    case ["slack-load", .. var slackArgs]:
        return await SlackLoad.RunAsync(slackArgs);
    case [ConversationMemoryMode.Name, .. var conversationArgs]:
        return await ConversationMemoryMode.RunAsync(conversationArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(LatencyMode).Assembly).Run(args);
return 0;
