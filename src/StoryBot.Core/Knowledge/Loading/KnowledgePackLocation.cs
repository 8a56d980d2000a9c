namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Turns <see cref="KnowledgeOptions.Path"/> and <see cref="KnowledgeOptions.Story"/> into the story folder to load.</summary>
internal static class KnowledgePackLocation
{
    private const string SolutionFile = "Bot.sln";

    /// <summary>The story's folder, or null with <paramref name="problem"/> naming the configuration key and where it looked.</summary>
    public static string? Resolve(KnowledgeOptions options, string? contentRoot, out string? problem)
    {
        var folder = ResolveFolder(options.Path, contentRoot, out problem);
        return folder is null ? null : StoryFolder(folder, options.Story, out problem);
    }

    /// <summary>The knowledge folder that <c>Knowledge:Path</c> names.</summary>
    public static string? ResolveFolder(string? configured, string? contentRoot, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(configured))
        {
            problem = "Knowledge:Path is required (the knowledge folder holding the story folders, e.g. \"knowledge\")";
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

    /// <summary>
    /// The folder of the story <paramref name="story"/> names, or of the only story there is. A story
    /// folder is one holding a story.yaml; other folders (schemas/) are not stories.
    /// </summary>
    private static string? StoryFolder(string knowledge, string? story, out string? problem)
    {
        problem = null;
        if (File.Exists(Path.Combine(knowledge, StoryReader.FileName)))
        {
            // The setting's meaning before stories had folders: say what it means now.
            problem = $"Knowledge:Path '{knowledge}' is a story folder; set it to the knowledge folder that holds it ('{Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(knowledge))}')";
            return null;
        }

        var stories = Directory.EnumerateDirectories(knowledge)
            .Where(folder => File.Exists(Path.Combine(folder, StoryReader.FileName)))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        var found = stories.Count == 0 ? "none" : string.Join(", ", stories);
        if (!string.IsNullOrWhiteSpace(story))
        {
            // An id, not a path: the story must be one of the knowledge folder's own.
            var id = story.Trim();
            var folder = Path.Combine(knowledge, id);
            if (id is not ("." or "..") && id.IndexOfAny(['/', '\\']) < 0 && Directory.Exists(folder))
            {
                return folder;
            }

            problem = $"Knowledge:Story '{story}' is not a story folder in {knowledge} (stories there: {found})";
            return null;
        }

        // A draft beside the story in service is not a second story until its curator has finished it.
        var finished = stories.Where(id => !IsDraft(Path.Combine(knowledge, id))).ToList();
        if (finished.Count == 1)
        {
            return Path.Combine(knowledge, finished[0]);
        }

        problem = stories.Count == 0
            ? $"Knowledge:Path '{knowledge}' holds no story: a story is a folder <story-id>/ with a {StoryReader.FileName} beside its sources"
            : $"Knowledge:Story is required when the knowledge folder holds more than one story (stories in {knowledge}: {found})";
        return null;
    }

    /// <summary>A story whose own texts are still placeholders (<c>storybot curate draft</c> wrote it and no one has finished it).</summary>
    private static bool IsDraft(string storyFolder) =>
        File.ReadLines(Path.Combine(storyFolder, StoryReader.FileName)).Any(line => line.Contains(DraftText.Prefix, StringComparison.Ordinal));

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
