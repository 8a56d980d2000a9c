namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Turns <see cref="KnowledgeOptions.Path"/> into the folder to load.</summary>
internal static class KnowledgePackLocation
{
    private const string SolutionFile = "Bot.sln";

    /// <summary>The pack folder, or null with <paramref name="problem"/> naming the configuration key and where it looked.</summary>
    public static string? Resolve(string? configured, string? contentRoot, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(configured))
        {
            problem = "Knowledge:Path is required (the folder of the knowledge pack, e.g. \"knowledge\")";
            return null;
        }

        var baseFolder = contentRoot ?? Directory.GetCurrentDirectory();
        var direct = Path.GetFullPath(Path.Combine(baseFolder, configured));
        if (Directory.Exists(direct))
        {
            return direct;
        }

        if (!Path.IsPathRooted(configured))
        {
            // A convenience for running from a checkout: bin/Debug/net10.0 or a project folder is not the repository root.
            foreach (var start in new[] { baseFolder, Directory.GetCurrentDirectory(), AppContext.BaseDirectory }.Distinct(StringComparer.Ordinal))
            {
                if (BesideSolution(start, configured) is { } found)
                {
                    return found;
                }
            }
        }

        problem = Path.IsPathRooted(configured)
            ? $"Knowledge:Path '{configured}' is not a folder"
            : $"Knowledge:Path '{configured}' is not a folder (looked for {direct}, and beside {SolutionFile} in the folders above it)";
        return null;
    }

    private static string? BesideSolution(string start, string relative)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, relative));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
