using StoryBot.State.Tests.Concurrency;

namespace StoryBot.State.Tests;

/// <summary>
/// The test assembly run as a program (<c>dotnet StoryBot.State.Tests.dll writer …</c>) is the
/// separate writer process the crash and multi-process tests start and kill.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => WriterProcess.RunAsync(args);
}
