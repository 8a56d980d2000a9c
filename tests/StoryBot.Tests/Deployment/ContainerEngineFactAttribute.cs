using System.Diagnostics;

namespace StoryBot.Tests.Deployment;

/// <summary>
/// A test that needs a working container engine: skipped, saying so, where <c>docker info</c>
/// fails (no client, or a client with no daemon behind it).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContainerEngineFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(FindMissing);

    public ContainerEngineFactAttribute()
    {
        Skip = Missing.Value;
    }

    private static string? FindMissing()
    {
        const string Instead = "the image's build is checked by .ci/run, which runs the Dockerfile's own restore and publish commands";
        try
        {
            using var info = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var error = info.StandardError.ReadToEndAsync();
            _ = info.StandardOutput.ReadToEndAsync();
            if (!info.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                info.Kill(entireProcessTree: true);
                return $"No working container engine here: `docker info` did not answer within 30 s; {Instead}";
            }

            var firstError = error.GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            return info.ExitCode == 0
                ? null
                : $"No working container engine here: `docker info` exited with {info.ExitCode} ({firstError}); {Instead}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"No container engine here: there is no docker client; {Instead}";
        }
    }
}
