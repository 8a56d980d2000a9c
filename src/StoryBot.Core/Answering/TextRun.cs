namespace StoryBot.Core.Answering;

public enum RunStyle
{
    /// <summary>Text the bot wrote; adapters still escape it for their markup.</summary>
    Plain,

    /// <summary>Text the bot wrote that should stand out (a heading, a name).</summary>
    Strong,

    /// <summary>
    /// Text a user typed, echoed back. Adapters must render it inert: no mentions,
    /// no markup, no links.
    /// </summary>
    UserText,
}

public sealed record TextRun(string Text, RunStyle Style = RunStyle.Plain)
{
    public static TextRun Plain(string text) => new(text);

    public static TextRun Strong(string text) => new(text, RunStyle.Strong);

    public static TextRun User(string text) => new(text, RunStyle.UserText);
}
