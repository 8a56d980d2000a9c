namespace StoryBot.Core.Knowledge.Loading;

/// <summary>A story the host serves, and the folder it is loaded from.</summary>
internal sealed record ServedStory(string Id, string Folder);

/// <summary>
/// Turns <see cref="KnowledgeOptions.Path"/> and <see cref="KnowledgeOptions.Story"/> (and, when several
/// stories are served, <see cref="StoriesOptions"/>) into the story folders to load.
/// </summary>
internal static class KnowledgePackLocation
{
    private const string SolutionFile = "Bot.sln";

    /// <summary>
    /// The stories to serve, the default first, or null with <paramref name="problem"/> naming the key at fault.
    /// Without a <c>Stories</c> section this is the one story <see cref="Resolve"/> finds, as before stories were many.
    /// </summary>
    public static IReadOnlyList<ServedStory>? ResolveStories(KnowledgeOptions options, StoriesOptions? stories, string? contentRoot, out string? problem)
    {
        if (stories is not { IsConfigured: true })
        {
            var single = Resolve(options, contentRoot, out problem);
            return single is null ? null : [new ServedStory(Path.GetFileName(single), single)];
        }

        var knowledge = ResolveFolder(options.Path, contentRoot, out problem);
        if (knowledge is null || !HoldsStories(knowledge, out problem))
        {
            return null;
        }

        var found = StoryIds(knowledge);
        string? Unknown(string key, string id) =>
            IsStory(knowledge, id) ? null : $"{key} '{id}' is not a story folder in {knowledge} (stories there: {Listed(found)})";

        var served = new List<string>();
        foreach (var id in stories.Serve.Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            problem = Unknown("Stories:Serve", id);
            if (problem is not null)
            {
                return null;
            }

            if (!served.Contains(id, StringComparer.Ordinal))
            {
                served.Add(id);
            }
        }

        if (served.Count == 0)
        {
            // Every finished story: a draft is served only when named.
            served.AddRange(found.Where(id => !IsDraft(Path.Combine(knowledge, id))));
        }

        var (defaultKey, defaultStory) = !string.IsNullOrWhiteSpace(stories.Default) ? ("Stories:Default", stories.Default.Trim())
            : !string.IsNullOrWhiteSpace(options.Story) ? ("Knowledge:Story", options.Story.Trim())
            : ("Stories:Default", served.FirstOrDefault());
        if (defaultStory is null)
        {
            problem = $"Knowledge:Path '{knowledge}' holds no finished story to serve (stories there: {Listed(found)}); name one in Stories:Serve or Stories:Default";
            return null;
        }

        problem = Unknown(defaultKey, defaultStory);
        if (problem is not null)
        {
            return null;
        }

        served.Remove(defaultStory);
        served.Insert(0, defaultStory);
        foreach (var (channel, story) in stories.Channels)
        {
            if (!served.Contains(story.Trim(), StringComparer.Ordinal))
            {
                problem = $"Stories:Channels:{channel} names story '{story}', which is not served (stories served: {Listed(served)})";
                return null;
            }
        }

        return [.. served.Select(id => new ServedStory(id, Path.Combine(knowledge, id)))];
    }

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
        if (!HoldsStories(knowledge, out problem))
        {
            return null;
        }

        var stories = StoryIds(knowledge);
        var found = Listed(stories);
        if (!string.IsNullOrWhiteSpace(story))
        {
            // An id, not a path: the story must be one of the knowledge folder's own.
            var id = story.Trim();
            if (IsStory(knowledge, id))
            {
                return Path.Combine(knowledge, id);
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

    /// <summary>False, with the problem, when <paramref name="knowledge"/> is a story folder rather than the folder of stories.</summary>
    private static bool HoldsStories(string knowledge, out string? problem)
    {
        problem = null;
        if (File.Exists(Path.Combine(knowledge, StoryReader.FileName)))
        {
            // The setting's meaning before stories had folders: say what it means now.
            problem = $"Knowledge:Path '{knowledge}' is a story folder; set it to the knowledge folder that holds it ('{Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(knowledge))}')";
            return false;
        }

        return true;
    }

    /// <summary>The story folders' names: a story folder holds a story.yaml; other folders (schemas/) are not stories.</summary>
    private static List<string> StoryIds(string knowledge) =>
        [.. Directory.EnumerateDirectories(knowledge)
            .Where(folder => File.Exists(Path.Combine(folder, StoryReader.FileName)))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="id"/> is a story folder's name (an id, not a path) in <paramref name="knowledge"/>.</summary>
    private static bool IsStory(string knowledge, string id) =>
        id is not ("." or "..") && id.IndexOfAny(['/', '\\']) < 0 && Directory.Exists(Path.Combine(knowledge, id));

    private static string Listed(IReadOnlyCollection<string> stories) => stories.Count == 0 ? "none" : string.Join(", ", stories);

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
