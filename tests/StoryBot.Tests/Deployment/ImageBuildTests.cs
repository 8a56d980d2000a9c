using System.Diagnostics;
using StoryBot.Testing;

namespace StoryBot.Tests.Deployment;

/// <summary>The image itself, built and run, where this machine has a container engine.</summary>
public sealed class ImageBuildTests
{
    [ContainerEngineFact]
    public async Task TheImageBuildsAndAnswersAQuestionAsAnUnprivilegedUser()
    {
        var tag = "storybot-test:" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            var build = await DockerAsync(TimeSpan.FromMinutes(30), "build", "-t", tag, RepositoryFiles.Root);
            Assert.True(build.ExitCode == 0, build.Output);

            var user = await DockerAsync(TimeSpan.FromMinutes(1), "image", "inspect", "--format", "{{.Config.User}}", tag);
            Assert.NotEqual(string.Empty, user.Output.Trim());
            Assert.NotEqual("root", user.Output.Trim());

            var answer = await DockerAsync(TimeSpan.FromMinutes(5), "run", "--rm", tag, "ask", "Who is Sam Altman?", "--Answering:Mode=Lexical");
            Assert.True(answer.ExitCode == 0, answer.Output);
            Assert.Contains("Altman", answer.Output, StringComparison.Ordinal);
        }
        finally
        {
            await DockerAsync(TimeSpan.FromMinutes(1), "image", "rm", "--force", tag);
        }
    }

    private static async Task<(int ExitCode, string Output)> DockerAsync(TimeSpan patience, params string[] args)
    {
        var info = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(patience);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
