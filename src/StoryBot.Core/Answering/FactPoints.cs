using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Answering;

/// <summary>Curated facts as answer points: a corrected fact is said once, in its newest version, with what earlier reports said.</summary>
internal static class FactPoints
{
    public static List<AnswerPoint> Of(IEnumerable<Fact> facts, KnowledgePack pack) =>
        [.. facts.Select(f => FactVersions.Newest(f, pack)).DistinctBy(f => f.Id).Select(f => Of(f, pack))];

    private static AnswerPoint Of(Fact fact, KnowledgePack pack) =>
        new(fact.Statement, fact.Citations, fact.Attribution)
        {
            Earlier = [.. FactVersions.Earlier(fact, pack).Select(e => new EarlierReport(new AnswerPoint(e.Statement, e.Citations, e.Attribution), pack.ReportOf(e)))],
        };
}
