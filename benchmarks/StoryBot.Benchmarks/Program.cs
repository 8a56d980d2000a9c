using BenchmarkDotNet.Running;
using StoryBot.Benchmarks.Slack;

if (args is ["slack-load", .. var slackArgs])
{
    return await SlackLoad.RunAsync(slackArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(SlackLoad).Assembly).Run(args);
return 0;
