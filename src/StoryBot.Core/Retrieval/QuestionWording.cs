using StoryBot.Core.Conversation.FollowUps;

namespace StoryBot.Core.Retrieval;

/// <summary>
/// Which questions say the same in other words, for the curators' tally of what the story does not
/// answer: "Who is Sam Altman?", "who's sam altman??" and "Wer ist Sam Altman" are one question, while
/// "Where is Sam Altman?" is another. A question reads as the kind of answer it asks for (the
/// engine's reading of its question words) and its topic words, folded, without stop words or
/// filler, in alphabetical order.
/// </summary>
/// <remarks>
/// Words are not stemmed: stems differ by language, and the tally must group a question the same
/// way whatever language it was taken to be in, including the questions recorded before languages
/// were told apart here.
/// </remarks>
public static class QuestionWording
{
    public static string KeyOf(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var surface = StoryAnalyzers.Terms(StoryAnalyzers.Surface, question);
        var (intent, frame) = QuestionIntents.Read(surface);

        // Question words the intent does not frame ("what", "was") say nothing of the topic either.
        var topic = surface
            .Where((word, index) => !frame.Contains(index) && !Lexicon.Default.IsStopWord(word) && !FollowUpWords.QuestionWords.Contains(word))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (topic.Count == 0)
        {
            // Nothing but question and filler words: the wording itself is all there is to go by.
            return question.Trim().ToLowerInvariant();
        }

        return intent.ToString().ToLowerInvariant() + ": " + string.Join(' ', topic);
    }
}
