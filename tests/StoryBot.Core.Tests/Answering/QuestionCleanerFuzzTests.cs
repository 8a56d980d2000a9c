using CsCheck;
using StoryBot.Core.Answering;
using StoryBot.Testing.Fuzzing;

namespace StoryBot.Core.Tests.Answering;

/// <summary>Cleaning takes any message without a throw, and cleaning its result changes nothing (as its remarks promise).</summary>
public sealed class QuestionCleanerFuzzTests
{
    /// <summary>Pieces of chat noise and question words, joined in any order: nested markup, mentions inside quotes and so on.</summary>
    private static readonly string[] Pieces =
    [
        "who", "is", "musk", "wer", "ist", "Altman", "?", "!", ".", ",", ":", ";", "-", "—", "(", ")", "[", "]", "()",
        "hi", "hey", "hallo", "thanks", "danke", "please", "bitte", "answer briefly", "in two sentences", "in einem Satz",
        "<@123456789012345678>", "<@!1>", "<@&2>", "<#3>", "<@U024BE7LH|bot>", "<!here>", "<!date^1^{date_short}|Jan 22nd>",
        "<https://x.example|link>", "https://x.example/a", "<:pepe:123>", "<a:party:1>", ":)", ":-(", "😀", "👍🏽", ":thumbsup:",
        "*", "**", "_", "~~", "`", "```", "||", "> ", ">>> ", "\n", "\n> ", "\t", "  ", "\r\n", "\u00A0", "\u200B",
    ];

    private static readonly Gen<string> Messages = Gen.Frequency(
        (4, Gen.OneOf(Pieces).Array[0, 25].Select(pieces => string.Concat(pieces.Select((p, i) => i % 3 == 0 ? p : p + " ")))),
        (1, JsonInputs.Text));

    [Fact]
    public void NeverThrowsAndCleaningTwiceGivesWhatCleaningOnceGives() =>
        Messages.Sample(message =>
        {
            var once = QuestionCleaner.Clean(message);
            Assert.Equal(once, QuestionCleaner.Clean(once));
        }, iter: 3000);

    [Fact]
    public void WhatIsLeftIsOneTrimmedLineWithALetterOrDigitOrNothing() =>
        Messages.Sample(message =>
        {
            var cleaned = QuestionCleaner.Clean(message);
            Assert.DoesNotContain('\n', cleaned);
            Assert.Equal(cleaned.Trim(), cleaned);
            Assert.True(cleaned.Length == 0 || cleaned.EnumerateRunes().Any(System.Text.Rune.IsLetterOrDigit));
        }, iter: 1000);
}
