namespace StoryBot.Testing.Slack;

public static class Wait
{
    /// <summary>Long enough for a loaded 2-core machine; only reached when something is broken.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    public static Task<T> For<T>(Task<T> task) => task.WaitAsync(Generous);

    public static Task For(Task task) => task.WaitAsync(Generous);
}
