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

    private static string BodyOf(Reply reply) => reply.Text;

    public sealed class Content
    {
        [Fact]
        public void Covers_what_happened_the_money_and_the_dispute_with_numbered_citations()
        {
            var reply = Composer.Compose(Language.English, CitationFilter.AllowAll, SummaryTestPack.Build());

            Assert.Equal(ReplyKind.Answer, reply.Kind);
            Assert.Equal(Language.English, reply.Language);
            var body = BodyOf(reply);
            Assert.Contains("What happened:", body, StringComparison.Ordinal);
            Assert.Contains("The money:", body, StringComparison.Ordinal);
            Assert.Contains("The dispute:", body, StringComparison.Ordinal);
            Assert.Contains("fighting on X over Stargate", body, StringComparison.Ordinal);
            Assert.Contains("up to $500 billion", body, StringComparison.Ordinal);
            Assert.Contains("Altman replied", body, StringComparison.Ordinal);

            // Every citation is referenced by its number in the body, and quotes are the source's own words.
            for (var i = 0; i < reply.Citations.Count; i++)
            {
                Assert.Contains($"[{i + 1}]", body, StringComparison.Ordinal);
                Assert.Equal(SummaryTestPack.Excerpt(reply.Citations[i].Id).Quote, reply.Citations[i].Quote);
            }

            Assert.Equal(reply.Citations.Count, reply.Citations.Select(c => c.Id).Distinct().Count());
        }

        [Fact]
        public void Attributes_each_claim_to_who_makes_it()
        {
            var reply = Composer.Compose(Language.English, CitationFilter.AllowAll, SummaryTestPack.Build());

            var softbank = reply.Citations.Single(c => c.Id == "musk-softbank-under-10bn");
            Assert.Equal("according to Elon Musk", softbank.Attribution);
            Assert.Equal("reported by TechCrunch", reply.Citations.Single(c => c.Id == "stargate-up-to-500bn").Attribution);
            Assert.Equal("Sam Altman's rebuttal", reply.Citations.Single(c => c.Id == "altman-wrong").Attribution);
            Assert.Contains("(according to Elon Musk)", BodyOf(reply), StringComparison.Ordinal);
        }

        [Fact]
        public void Speaks_german_when_the_schedule_says_de()
        {
            var reply = Composer.Compose(Language.German, CitationFilter.AllowAll, SummaryTestPack.Build());

            var body = BodyOf(reply);
            Assert.Equal(Language.German, reply.Language);
            Assert.Contains("Was geschah:", body, StringComparison.Ordinal);
            Assert.Contains("Das Geld:", body, StringComparison.Ordinal);
            Assert.Contains("Der Streit:", body, StringComparison.Ordinal);
            Assert.Contains("streiten auf X", body, StringComparison.Ordinal);
            Assert.Equal("laut Elon Musk", reply.Citations.Single(c => c.Id == "musk-softbank-under-10bn").Attribution);
        }

        [Fact]
        public void Stays_a_few_lines_whatever_the_size_of_the_pack()
        {
            var reply = Composer.Compose(Language.English, CitationFilter.AllowAll, SummaryTestPack.Build());

            Assert.InRange(reply.Citations.Count, 3, 6);
            Assert.True(BodyOf(reply).Length < 1000, BodyOf(reply));
            Assert.DoesNotContain("The partners have committed", BodyOf(reply), StringComparison.Ordinal);
        }

        [Fact]
        public void Never_grounds_a_line_on_a_flagged_paragraph()
        {
            var reply = Composer.Compose(Language.English, CitationFilter.AllowAll, SummaryTestPack.Build());

            Assert.DoesNotContain(reply.Citations, c => c.Id == "nadella-davos-garbled");
            Assert.DoesNotContain("Nadella", BodyOf(reply), StringComparison.Ordinal);
        }
    }

    public sealed class Moderation
    {
        [Fact]
        public void A_disabled_excerpt_is_never_cited_and_its_claim_gives_way_to_the_next()
        {
            var reply = Composer.Compose(Language.English, Disabled("musk-softbank-under-10bn"), SummaryTestPack.Build());

            Assert.DoesNotContain(reply.Citations, c => c.Id == "musk-softbank-under-10bn");
            Assert.DoesNotContain("SoftBank has secured", BodyOf(reply), StringComparison.Ordinal);
            Assert.Contains("The partners have committed $100 billion", BodyOf(reply), StringComparison.Ordinal);
        }

        [Fact]
        public void A_claim_keeps_its_other_allowed_excerpt_when_one_is_disabled()
        {
            var reply = Composer.Compose(Language.English, Disabled("musk-claims-no-money"), SummaryTestPack.Build());

            Assert.DoesNotContain(reply.Citations, c => c.Id == "musk-claims-no-money");
            Assert.Contains(reply.Citations, c => c.Id == "musk-they-dont-have-the-money");
            Assert.Contains("Musk claims Stargate does not have the money", BodyOf(reply), StringComparison.Ordinal);
        }

        [Fact]
        public void A_disabled_source_leaves_nothing_to_say_and_the_summary_abstains()
        {
            var filter = new CitationFilter(new HashSet<string> { SummaryTestPack.SourceId }, new HashSet<string>());

            var reply = Composer.Compose(Language.English, filter, SummaryTestPack.Build());

            Assert.Equal(ReplyKind.Abstention, reply.Kind);
            Assert.Empty(reply.Citations);
        }

        [Fact]
        public void Falls_back_to_the_timeline_when_the_summary_cannot_be_cited()
        {
            var reply = Composer.Compose(Language.English, Disabled("dek", "altman-fires-back"), SummaryTestPack.Build());

            Assert.DoesNotContain("fighting on X over Stargate", BodyOf(reply), StringComparison.Ordinal);
            Assert.Contains("What happened: Tuesday: Stargate is announced at the White House", BodyOf(reply), StringComparison.Ordinal);
            Assert.DoesNotContain(reply.Citations, c => c.Id is "dek" or "altman-fires-back");
        }
    }

    public sealed class Changes
    {
        [Fact]
        public void Says_nothing_about_changes_when_nothing_changed()
        {
            var pack = SummaryTestPack.Build();
            var first = Composer.Compose(Language.English, CitationFilter.AllowAll, pack);

            var again = Composer.Compose(Language.English, CitationFilter.AllowAll, pack,
                new SummaryBaseline(pack.Version, [.. first.Citations.Select(c => c.Id)]));

            Assert.DoesNotContain("Since the last summary", BodyOf(again), StringComparison.Ordinal);
            Assert.Equal(BodyOf(first), BodyOf(again));
        }

        [Fact]
        public void Names_a_withdrawn_excerpt_by_id_without_quoting_it_and_marks_what_is_newly_cited()
        {
            var pack = SummaryTestPack.Build();
            var first = Composer.Compose(Language.English, CitationFilter.AllowAll, pack);

            var after = Composer.Compose(Language.English, Disabled("musk-softbank-under-10bn"), pack,
                new SummaryBaseline(pack.Version, [.. first.Citations.Select(c => c.Id)]));

            var body = BodyOf(after);
            Assert.Contains("Since the last summary:", body, StringComparison.Ordinal);
            Assert.Contains("Withdrawn: 1 quote cited last time is no longer cited (musk-softbank-under-10bn).", body, StringComparison.Ordinal);
            var added = after.Citations.Select((c, i) => (c.Id, Number: i + 1)).Single(c => c.Id == "partners-committed-100bn");
            Assert.Contains($"Newly cited: [{added.Number}].", body, StringComparison.Ordinal);
            Assert.DoesNotContain(SummaryTestPack.Excerpt("musk-softbank-under-10bn").Quote, string.Concat(after.Citations.Select(c => c.Quote)), StringComparison.Ordinal);
            Assert.DoesNotContain("curated story notes were updated", body, StringComparison.Ordinal);
        }

        [Fact]
        public void Says_the_pack_was_updated_when_its_version_changed()
        {
            var before = SummaryTestPack.Build("pack-1");
            var first = Composer.Compose(Language.German, CitationFilter.AllowAll, before);

            var after = Composer.Compose(Language.German, CitationFilter.AllowAll, SummaryTestPack.Build("pack-2"),
                new SummaryBaseline(before.Version, [.. first.Citations.Select(c => c.Id)]));

            Assert.Contains("Seit der letzten Zusammenfassung: Die kuratierten Notizen zur Geschichte wurden aktualisiert.", BodyOf(after), StringComparison.Ordinal);
        }
    }
}
