using System.Globalization;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// One problem found in a pack. <see cref="File"/> is shown as the pack folder's name followed by the
/// path inside the pack (e.g. <c>knowledge/facts/funding.yaml</c>) so messages read the same on every machine.
/// Line and column are 1-based; 0 means the problem concerns the whole file.
/// </summary>
public sealed record KnowledgePackError(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line <= 0
        ? string.Create(CultureInfo.InvariantCulture, $"{File}: {Message}")
        : string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {Message}");
}
