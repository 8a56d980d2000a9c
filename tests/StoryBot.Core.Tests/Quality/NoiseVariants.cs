namespace StoryBot.Core.Tests.Quality;

/// <summary>
/// Chat noise around a question that must not change its answer, each as people really add it:
/// a mention, a channel ping, a typo, an instruction, an emoji, case and punctuation.
/// </summary>
internal static class NoiseVariants
{
    public static IReadOnlyList<(string Noise, string Text)> Of(string question, string language)
    {
        var german = language == "de";
        return
        [
            ("discord mention", "<@123456789012345678> " + question),
            ("@everyone", "@everyone " + question),
            ("slack <!channel>", "<!channel> " + question),
            ("slack mention", "<@U024BE7LH> " + question),
            ("typo", WithTypo(question)),
            ("instruction", (german ? "Antworte kurz: " : "Answer briefly: ") + question),
            ("greeting", (german ? "Hallo StoryBot, " : "hey bot, ") + question),
            ("trailing emoji", question + " 🤔"),
            ("case and punctuation", question.ToLowerInvariant().TrimEnd('?', '.', '!', ' ') + " ??"),
        ];
    }

    /// <summary>Doubles a letter in the middle of the longest word: the commonest slip of a fast typist.</summary>
    private static string WithTypo(string question)
    {
        var words = question.Split(' ');
        var longest = words.Select((w, i) => (Word: w, Index: i)).Where(w => w.Word.All(char.IsLetter)).DefaultIfEmpty().MaxBy(w => w.Word?.Length ?? 0);
        if (longest.Word is null)
        {
            return question;
        }

        var middle = longest.Word.Length / 2;
        words[longest.Index] = longest.Word.Insert(middle, longest.Word[middle].ToString());
        return string.Join(' ', words);
    }
}
