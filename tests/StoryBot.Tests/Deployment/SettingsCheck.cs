using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoryBot.Hosting;
using StoryBot.Tests.Configuration;

namespace StoryBot.Tests.Deployment;

/// <summary>
/// Checks an environment a deployment file gives the bot the way the bot would: every
/// <c>Section__Key</c> must be a key an options class reads (or a standard .NET one), and a host
/// built with those settings must pass its start-up validation.
/// </summary>
internal static class SettingsCheck
{
    /// <summary>Sections the .NET host reads itself, not an options class of ours.</summary>
    private static readonly string[] FrameworkSections = ["Logging", "Kestrel"];

    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> environment, IReadOnlyList<OptionsSection> sections)
    {
        var problems = new List<string>();
        var args = new List<string>();
        foreach (var (name, value) in environment)
        {
            if (name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.StartsWith("DOTNET_", StringComparison.Ordinal))
            {
                // The host reads these prefixes with the prefix taken off: ASPNETCORE_URLS is "urls".
                args.Add($"--{name[(name.IndexOf('_', StringComparison.Ordinal) + 1)..]}={value}");
                continue;
            }

            var key = name.Replace("__", ":", StringComparison.Ordinal);
            if (!OptionsCatalog.Reads(sections, key) && !FrameworkSections.Contains(key.Split(':')[0], StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{name} sets {key}, which no options class reads");
            }

            args.Add($"--{key}={value}");
        }

        try
        {
            using var host = StoryBotApp.Build(RunMode.Parse([.. args]));
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception exception) when (exception is OptionsValidationException or AggregateException or InvalidOperationException)
        {
            problems.Add(exception is OptionsValidationException options ? string.Join("; ", options.Failures) : exception.Message);
        }

        return problems;
    }
}
