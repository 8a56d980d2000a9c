using System.ComponentModel.DataAnnotations;

namespace StoryBot.Core.DataFiles;

/// <summary>
/// Where the bot keeps its files (key <c>Storage:DataDirectory</c>, beside the state database's
/// own settings in section <c>Storage</c>).
/// </summary>
public sealed class DataDirectoryOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// The folder for everything the bot writes to disk: the SQLite state database, the sentence
    /// vector cache, Discord's record of registered commands. A relative path in any of those
    /// settings is taken under this folder; an absolute one is used as given. This folder itself,
    /// when relative, is taken from the working directory. The container image sets
    /// <c>/var/lib/storybot</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:DataDirectory must name a folder (by default data, under the working directory).")]
    public string DataDirectory { get; set; } = "data";
}
