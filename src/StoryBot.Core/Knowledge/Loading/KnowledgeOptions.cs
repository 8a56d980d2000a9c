using System.ComponentModel.DataAnnotations;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Configuration section <c>Knowledge</c>.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>
    /// The knowledge folder, holding one folder per story (<c>&lt;story-id&gt;/story.yaml</c> and the story's
    /// files). A relative path is taken from the content root (the current directory outside a host);
    /// if it does not exist there, the same relative path beside the nearest Bot.sln above is tried, so
    /// <c>dotnet run</c> and tests work from any folder of a checkout.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Knowledge:Path is required (the knowledge folder holding the story folders, e.g. \"knowledge\")")]
    public string Path { get; set; } = "knowledge";

    /// <summary>
    /// The id (folder name) of the story to serve; may be left empty while the knowledge folder holds
    /// a single story, which is then the one served.
    /// </summary>
    public string? Story { get; set; }

    /// <summary>Watch the story's folder and reload the pack when a file changes (an invalid edit keeps the pack in service).</summary>
    public bool Reload { get; set; } = true;
}
