namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Configuration section <c>Stories</c>: several stories served side by side by one host. Left out,
/// the host serves the one story Knowledge:Story names (or the only one there is).
/// </summary>
public sealed class StoriesOptions
{
    public const string Section = "Stories";

    /// <summary>The ids of the stories to serve; empty serves every finished story folder under Knowledge:Path.</summary>
    public IList<string> Serve { get; } = [];

    /// <summary>
    /// The story answered where no channel mapping says otherwise (direct messages, the console, unmapped
    /// channels); defaults to Knowledge:Story, else the only finished story, else the first by id. Always served.
    /// </summary>
    public string? Default { get; set; }

    /// <summary>
    /// The story a channel's questions, commands and scheduled summaries are answered from, by channel id
    /// (<c>Stories:Channels:&lt;channel-id&gt; = &lt;story-id&gt;</c>); a channel not listed gets the default story.
    /// </summary>
    public IDictionary<string, string> Channels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether the section says anything; without it the host serves one story as it always did.</summary>
    internal bool IsConfigured => Serve.Count > 0 || !string.IsNullOrWhiteSpace(Default) || Channels.Count > 0;
}
