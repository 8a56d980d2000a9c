namespace StoryBot.Core.Knowledge;

/// <summary>
/// The story the work in progress answers from, when the host serves several
/// (<see cref="Loading.StoriesOptions"/>). The conversation pipeline enters it from the request's
/// channel before anything reads the pack; <see cref="IKnowledgeProvider.Current"/> then returns that
/// story's pack, so the commands, the answer engine and the recorders need not be told. Ambient like
/// <see cref="System.Diagnostics.Activity.Current"/> because the pack is read in some thirty places
/// below the pipeline, and handing a story id down each call would change every one of them for a
/// value they only pass on. Outside a scope the default story serves.
/// </summary>
public static class StoryScope
{
    private static readonly AsyncLocal<string?> Entered = new();

    /// <summary>The story id entered, or null for the default story.</summary>
    public static string? Current => Entered.Value;

    /// <summary>Answers from <paramref name="story"/> (null: the default story) until the result is disposed.</summary>
    public static Scope Enter(string? story)
    {
        var outer = Entered.Value;
        Entered.Value = story;
        return new Scope(outer);
    }

    /// <summary>Puts the story entered before back.</summary>
    public readonly struct Scope(string? outer) : IDisposable
    {
        public void Dispose() => Entered.Value = outer;
    }
}
