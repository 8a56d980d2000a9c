namespace StoryBot.Dashboard.Pages;

/// <summary>Links to the pages before and after the one shown; a list reads one row more than it shows to know whether there is a next.</summary>
internal sealed record Pager(int Number, string? Previous, string? Next)
{
    public const int Size = 25;

    /// <summary>The query parameter of the page number; not "page", which names the Razor page itself in route values.</summary>
    public const string Parameter = "p";

    /// <summary>The rows to skip for page <paramref name="number"/> (1-based; anything less counts as 1).</summary>
    public static int Offset(int number) => (Math.Max(number, 1) - 1) * Size;

    /// <summary>The rows of the page shown (at most <see cref="Size"/>) and the links around it.</summary>
    /// <param name="link">The address of a page, given its number, with the page's other query values.</param>
    public static (IReadOnlyList<T> Rows, Pager Pager) Of<T>(IReadOnlyList<T> readOneMore, int number, Func<int, string?> link)
    {
        number = Math.Max(number, 1);
        var hasNext = readOneMore.Count > Size;
        return ([.. readOneMore.Take(Size)], new Pager(number, number > 1 ? link(number - 1) : null, hasNext ? link(number + 1) : null));
    }
}
