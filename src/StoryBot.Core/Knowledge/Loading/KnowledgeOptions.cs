using System.ComponentModel.DataAnnotations;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Configuration section <c>Knowledge</c>.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>
    /// The pack folder. A relative path is taken from the content root (the current directory outside a host);
    /// if it does not exist there, the same relative path beside the nearest Bot.sln above is tried, so
    /// <c>dotnet run</c> and tests work from any folder of a checkout.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Knowledge:Path is required (the folder of the knowledge pack, e.g. \"knowledge\")")]
    public string Path { get; set; } = "knowledge";

    /// <summary>Watch the folder and reload the pack when a file changes (an invalid edit keeps the pack in service).</summary>
    public bool Reload { get; set; } = true;
}
