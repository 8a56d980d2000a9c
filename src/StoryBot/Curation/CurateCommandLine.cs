using System.Globalization;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Knowledge.Curation;

namespace StoryBot.Curation;

/// <summary>
/// <c>storybot curate draft</c> and <c>storybot curate check</c>: the curators' tools, run without
/// a host (no configuration, no platforms, no state).
/// </summary>
internal static class CurateCommandLine
{
    public const string Verb = "curate";

    private const string Usage =
        """
        Usage:
          storybot curate draft <article.txt> --id <story-id> --lang <de|en> [--out <folder>]
              writes a draft story folder (default: knowledge/<story-id>) from the article
          storybot curate check <story-folder>
              checks a story folder as the bot loads it, and prints how far its curation has come
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return args switch
        {
            ["draft", var article, .. var options] => await DraftAsync(article, Options(options), output, error),
            ["check", var folder] => await CheckAsync(folder, output),
            _ => await FailAsync(error, Usage),
        };
    }

    private static async Task<int> DraftAsync(string article, IReadOnlyDictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("--id", out var id) || !StoryId.IsValid(id))
        {
            return await FailAsync(error, "curate draft needs --id <story-id>: lower-case letters, digits and dashes, e.g. --id council-vote.\n" + Usage);
        }

        if (!options.TryGetValue("--lang", out var language) || language is not ("de" or "en"))
        {
            return await FailAsync(error, "curate draft needs --lang de or --lang en: the language the article is written in.\n" + Usage);
        }

        if (!File.Exists(article))
        {
            return await FailAsync(error, $"There is no article at {article}.");
        }

        var folder = options.TryGetValue("--out", out var outFolder) ? outFolder : Path.Combine("knowledge", id);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            return await FailAsync(error, $"{folder} already holds files; a draft never overwrites a story. Choose another --out, or remove the folder.");
        }

        var text = await File.ReadAllTextAsync(article);
        foreach (var file in DraftPack.Create(text, id, language))
        {
            var path = Path.Combine(folder, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (file.RelativePath.EndsWith(".txt", StringComparison.Ordinal))
            {
                // Copied, not written from the text read: the source is kept byte for byte.
                File.Copy(article, path);
            }
            else
            {
                await File.WriteAllTextAsync(path, file.Content);
            }
        }

        var check = PackCheck.Run(folder);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote a draft of story '{id}' to {folder}: {check.Coverage.Excerpts} excerpts, {check.Coverage.Entities} candidate entities, {check.Coverage.Placeholders} texts to write (marked {DraftText.Prefix})."));
        await output.WriteLineAsync($"It is not served until `storybot curate check {folder}` passes.");
        return 0;
    }

    private static async Task<int> CheckAsync(string folder, TextWriter output)
    {
        var result = PackCheck.Run(folder);
        foreach (var problem in result.Errors)
        {
            await output.WriteLineAsync(problem.ToString());
        }

        var coverage = result.Coverage;
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Excerpts: {coverage.Excerpts}, {coverage.WithoutRendering} without an English rendering"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Entities: {coverage.Entities}, {coverage.EntitiesWithoutExcerpt} citing no excerpt"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Paraphrases: {coverage.Paraphrases}, {coverage.ParaphrasesPerExcerpt:0.0} per excerpt"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Texts still to write ({DraftText.Prefix}): {coverage.Placeholders}"));
        await output.WriteLineAsync(result.Passed
            ? "Check passed: the bot can serve this story."
            : string.Create(CultureInfo.InvariantCulture, $"Check failed: {result.Errors.Count} problem(s); the bot will not serve this story until they are fixed."));
        return result.Passed ? 0 : 1;
    }

    private static Dictionary<string, string> Options(IReadOnlyList<string> words)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < words.Count; i += 2)
        {
            options[words[i]] = words[i + 1];
        }

        return options;
    }

    private static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync(message);
        return 1;
    }
}
