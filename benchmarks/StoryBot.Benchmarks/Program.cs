using BenchmarkDotNet.Running;
using StoryBot.Benchmarks.Discord;

if (args is [DiscordLoad.Mode, ..])
{
    return await DiscordLoad.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(DiscordLoad).Assembly).Run(args);
return 0;
