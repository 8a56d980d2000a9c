using BenchmarkDotNet.Running;
using StoryBot.Benchmarks.Latency;

// The first argument picks a mode; anything else is BenchmarkDotNet's (e.g. --filter '*StoryAnswer*').
return args.FirstOrDefault() switch
{
    LatencyMode.Name => await LatencyMode.RunAsync(args[1..]),
    StartupMode.Name => await StartupMode.RunAsync(args[1..]),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(LatencyMode).Assembly).Run(args);
    return 0;
}
