using System.Text.RegularExpressions;

namespace StoryBot.Core.Knowledge;

/// <summary>A story's id, which is also its folder's name: lower-case words joined by dashes.</summary>
public static partial class StoryId
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
