using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.State.Summaries;

namespace StoryBot.State.Tests.Summaries;

public sealed class StorySummaryComposerTests
{
    private static readonly StorySummaryComposer Composer = new();

    private static CitationFilter Disabled(params string[] excerptIds) =>
        new(new HashSet<string>(), excerptIds.ToHashSet());

    private static string[] Ids(Reply reply) => [.. reply.Citations.Select(c => c.Id)];

    private static TextInLanguages Languages(string en, string de) => new(new Dictionary<string, string> { ["en"] = en, ["de"] = de });

    private static string Line(Reply reply, string label) =>
        reply.Text.Split('\n').Single(line => line.StartsWith(label, StringComparison.Ordinal));

    public sealed class Content
    {
        [Fact]
        public void TellsWhatHappenedTheMoneyAndTheDisputeEachLineCitingAllItsExcerpts()
        {
            var reply = Composer.Compose(Language.English, CitationFilter.AllowAll, SummaryTestPack.Build());

            Assert.Equal(ReplyKind.Answer, reply.Kind);
            Assert.Equal(
                [
                    "stargate-up-to-500bn", "musk-they-dont-have-the-money", "musk-softbank-under-10bn", "altman-fires-back", "altman-wrong",
                    "partners-committed-100bn", "xai-memphis-12bn", "musk-not-neutral", "musk-claims-no-money",
                ],
                Ids(reply));
            Assert.Equal(
                "What happened: Tuesday: Stargate is announced at the White House (reported by TechCrunch) [1]. "
                + "Tuesday: Musk claims on X that Stargate lacks the money and SoftBank has under $10 billion (reported by TechCrunch) [2][3]. "
                + "Wednesday: Altman fires back on X: Musk is wrong (reported by TechCrunch) [4][5].",
                Line(reply, "What happened:"));
            Assert.Equal(
                "The money: The partners have committed $100 billion at first (reported by TechCrunch) [6]. "
                + "xAI is estimated to have spent $12 billion on its Memphis data centre (estimate reported by TechCrunch) [7].",
                Line(reply, "The money:"));
            Assert.Equal(
                "The dispute: The article points out that Musk is not a neutral party (reported by TechCrunch) [8]. "
                + "Musk claims Stargate does not have the money (according to Elon Musk) [9][2].",
                Line(reply, "The dispute:"));
            Assert.All(reply.Citations, c => Assert.Equal(SummaryTestPack.Excerpt(c.Id).Quote, c.Quote));
        }

        [Fact]
        public void AStoryOfOtherTopicsHasTheSectionsItsTopicsGiveAndRestsWhatHappenedOnThem()
        {
            var pack = SummaryTestPack.Build();
            var fight = pack.Story.Topic("dispute") with { Summary = new(Languages("The fight:", "Der Kampf:")) };
            var story = pack.Story with { Topics = [fight, .. pack.Story.Topics.Where(t => t.Id != "dispute").Select(t => t with { Summary = null })] };
            var other = new KnowledgePack(story, pack.Sources, pack.Excerpts, pack.Entities, pack.Facts, pack.Timeline, pack.Summary, "other-topics");

            var reply = Composer.Compose(Language.English, CitationFilter.AllowAll, other);

            Assert.Equal(["Story summary", "What happened:", "The fight:"], reply.Text.Split('\n').Select(line => line.Split(':')[0] + (line.Contains(':', StringComparison.Ordinal) ? ":" : "")));
            Assert.Equal("What happened: Wednesday: Altman fires back on X: Musk is wrong (reported by TechCrunch) [1][2].", Line(reply, "What happened:"));
            Assert.Equal(
                // In file order, the section not asking for the article's own voice first; Nadella's remark is in a flagged paragraph.
                "The fight: Musk claims Stargate does not have the money (according to Elon Musk) [3][4]. The article points out that Musk is not a neutral party (reported by TechCrunch) [5].",
                Line(reply, "The fight:"));
        }

        [Fact]
        public void LeavesOutEventsTheSummaryDoesNotRestOn()
        {
            var reply = Composer.Compose(Language.English, CitationFilter.AllowAll, SummaryTestPack.Build());

            Assert.DoesNotContain("DOGE", reply.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("doge-executive-order", Ids(reply));
        }

        [Fact]
        public void AQuoteSaysWhoSaidItEvenWhenAnEventCitesIt()
        {
            var reply = Composer.Compose(Language.English, CitationFilter.AllowAll, SummaryTestPack.Build());

            Assert.Equal("according to Elon Musk", reply.Citations.Single(c => c.Id == "musk-softbank-under-10bn").Attribution);
            Assert.Equal("Sam Altman's rebuttal", reply.Citations.Single(c => c.Id == "altman-wrong").Attribution);
            Assert.Equal("reported by TechCrunch", reply.Citations.Single(c => c.Id == "altman-fires-back").Attribution);
        }

        [Fact]
        public void SpeaksGermanWhenTheScheduleSaysDe()
        {
            var reply = Composer.Compose(Language.German, CitationFilter.AllowAll, SummaryTestPack.Build());

            Assert.Equal(Language.German, reply.Language);
            Assert.StartsWith("Zusammenfassung der Geschichte\nWas geschah: Dienstag: Stargate wird im Weißen Haus angekündigt (laut TechCrunch) [1].", reply.Text, StringComparison.Ordinal);
            Assert.StartsWith("Das Geld: Die Partner haben zunächst 100 Milliarden US-Dollar zugesagt (laut TechCrunch) [6].", Line(reply, "Das Geld:"), StringComparison.Ordinal);
            Assert.StartsWith("Der Streit: ", Line(reply, "Der Streit:"), StringComparison.Ordinal);
            Assert.Equal("laut Elon Musk", reply.Citations.Single(c => c.Id == "musk-softbank-under-10bn").Attribution);
        }

        [Fact]
        public void NeverGroundsALineOnAFlaggedParagraph()
        {
            var reply = Composer.Compose(Language.English, CitationFilter.AllowAll, SummaryTestPack.Build());

            Assert.DoesNotContain("nadella-davos-garbled", Ids(reply));
            Assert.DoesNotContain("Nadella", reply.Text, StringComparison.Ordinal);
        }
    }

    public sealed class Moderation
    {
        [Fact]
        public void ADisabledExcerptIsNeverCitedAndALineKeepsItsOtherAllowedExcerpts()
        {
            var reply = Composer.Compose(Language.English, Disabled("musk-softbank-under-10bn"), SummaryTestPack.Build());

            Assert.DoesNotContain("musk-softbank-under-10bn", Ids(reply));
            Assert.Contains("Musk claims on X that Stargate lacks the money and SoftBank has under $10 billion (reported by TechCrunch) [2].", reply.Text, StringComparison.Ordinal);
        }

        [Fact]
        public void ALineWhoseEveryExcerptIsDisabledIsLeftOut()
        {
            var reply = Composer.Compose(Language.English, Disabled("altman-fires-back", "altman-wrong"), SummaryTestPack.Build());

            Assert.DoesNotContain("Altman", reply.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(reply.Citations, c => c.Id.StartsWith("altman", StringComparison.Ordinal));
        }

        [Fact]
        public void ADisabledSourceLeavesNothingToSayAndTheSummaryAbstains()
        {
            var filter = new CitationFilter(new HashSet<string> { SummaryTestPack.SourceId }, new HashSet<string>());

            var reply = Composer.Compose(Language.English, filter, SummaryTestPack.Build());

            Assert.Equal(ReplyKind.Abstention, reply.Kind);
            Assert.Empty(reply.Citations);
        }

        [Fact]
        public void FallsBackToTheWholeTimelineWhenNoCentralEventCanBeCited()
        {
            var reply = Composer.Compose(
                Language.English,
                Disabled("stargate-up-to-500bn", "musk-they-dont-have-the-money", "musk-softbank-under-10bn", "altman-fires-back", "altman-wrong"),
                SummaryTestPack.Build());

            Assert.StartsWith("What happened: Monday: DOGE is made more official (reported by TechCrunch) [1].", Line(reply, "What happened:"), StringComparison.Ordinal);
        }
    }

    public sealed class Changes
    {
        private static readonly DateTimeOffset LastSummary = new(2025, 1, 21, 7, 0, 0, TimeSpan.Zero);

        [Fact]
        public void LeadsWithNoNewReportingSinceTheLastSummaryWhenNothingChanged()
        {
            var pack = SummaryTestPack.Build();
            var first = Composer.Compose(Language.English, CitationFilter.AllowAll, pack);

            var again = Composer.Compose(Language.English, CitationFilter.AllowAll, pack, new SummaryBaseline(pack.Version, Ids(first), LastSummary));
            var german = Composer.Compose(Language.German, CitationFilter.AllowAll, pack, new SummaryBaseline(pack.Version, Ids(first), LastSummary));

            var lines = again.Text.Split('\n');
            Assert.Equal("Since the last summary: No new reporting since January 21, 2025.", lines[1]);
            Assert.Equal(first.Text, string.Join('\n', lines.Where((_, index) => index != 1)));
            Assert.Equal(Ids(first), Ids(again));
            Assert.Equal("Seit der letzten Zusammenfassung: Keine neue Berichterstattung seit dem 21. Januar 2025.", german.Text.Split('\n')[1]);
        }

        [Fact]
        public void LeadsWithReportingPublishedSinceTheLastSummaryCitingItFirst()
        {
            var before = SummaryTestPack.Build();
            var first = Composer.Compose(Language.English, CitationFilter.AllowAll, before);
            var after = SummaryTestPack.WithFollowUp(before, LastSummary.AddDays(1));

            var reply = Composer.Compose(Language.English, CitationFilter.AllowAll, after, new SummaryBaseline(before.Version, Ids(first), LastSummary));

            var lines = reply.Text.Split('\n');
            Assert.Equal("Since the last summary:", lines[1]);
            Assert.Equal("• New reporting: \"Altman legt nach\" (Test Wire, January 22, 2025) [1]", lines[2]);
            Assert.Equal("The curated story notes were updated. Newly cited: [1].", lines[3]);
            Assert.StartsWith("What happened:", lines[4], StringComparison.Ordinal);
            Assert.Equal("follow-up-1", reply.Citations[0].Id);
            Assert.Equal(Ids(first), Ids(reply).Skip(1));
        }

        [Fact]
        public void ReportingPublishedBeforeTheLastSummaryIsNotNew()
        {
            var pack = SummaryTestPack.WithFollowUp(SummaryTestPack.Build(), LastSummary.AddDays(-1));
            var first = Composer.Compose(Language.English, CitationFilter.AllowAll, pack);

            var again = Composer.Compose(Language.English, CitationFilter.AllowAll, pack, new SummaryBaseline(pack.Version, Ids(first), LastSummary));

            Assert.DoesNotContain("New reporting", again.Text, StringComparison.Ordinal);
            Assert.Contains("No new reporting since January 21, 2025.", again.Text, StringComparison.Ordinal);
        }

        [Fact]
        public void NamesAWithdrawnExcerptByIdWithoutQuotingItAndMarksWhatIsNewlyCited()
        {
            var pack = SummaryTestPack.Build();
            var first = Composer.Compose(Language.English, Disabled("musk-not-neutral"), pack);

            var after = Composer.Compose(Language.English, Disabled("altman-fires-back", "altman-wrong"), pack, new SummaryBaseline(pack.Version, Ids(first)));

            Assert.Equal(
                "Since the last summary: Newly cited: [6]. Withdrawn: 2 quotes cited last time are no longer cited (altman-fires-back, altman-wrong).",
                Line(after, "Since the last summary:"));
            Assert.Equal("musk-not-neutral", after.Citations[5].Id);
            Assert.DoesNotContain(after.Citations, c => c.Id.StartsWith("altman", StringComparison.Ordinal));
        }

        [Fact]
        public void SaysThePackWasUpdatedWhenItsVersionChanged()
        {
            var before = SummaryTestPack.Build("pack-1");
            var first = Composer.Compose(Language.German, CitationFilter.AllowAll, before);

            var after = Composer.Compose(Language.German, CitationFilter.AllowAll, SummaryTestPack.Build("pack-2"), new SummaryBaseline(before.Version, Ids(first)));

            Assert.Equal(
                "Seit der letzten Zusammenfassung: Die kuratierten Notizen zur Geschichte wurden aktualisiert.",
                Line(after, "Seit der letzten Zusammenfassung:"));
        }
    }
}
