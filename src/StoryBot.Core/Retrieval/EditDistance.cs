namespace StoryBot.Core.Retrieval;

/// <summary>Optimal-string-alignment distance with an early exit past the bound.</summary>
internal static class EditDistance
{
    public static bool IsWithin(string a, string b, int maxEdits) => Distance(a, b, maxEdits) <= maxEdits;

    /// <summary>The distance, or <paramref name="bound"/> + 1 when it is larger than the bound.</summary>
    public static int Distance(string a, string b, int bound)
    {
        if (Math.Abs(a.Length - b.Length) > bound)
        {
            return bound + 1;
        }

        // Three rows on the stack: typo correction compares a word with thousands of the pack's.
        var width = b.Length + 1;
        var rows = width <= 64 ? stackalloc int[3 * width] : new int[3 * width];
        var previous2 = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > bound)
            {
                return bound + 1;
            }

            var oldest = previous2;
            previous2 = previous;
            previous = current;
            current = oldest;
        }

        return previous[b.Length];
    }
}
