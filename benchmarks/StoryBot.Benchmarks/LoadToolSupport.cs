using System.Globalization;

namespace StoryBot.Benchmarks;

/// <summary>What the load tools share: their numeric options.</summary>
internal static class LoadToolSupport
{
    /// <summary>The integer after <paramref name="name"/> on the command line, or <paramref name="fallback"/>.</summary>
    public static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
