using System.Globalization;
using StoryBot.Core.Answering;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;

namespace StoryBot.Core.Commands;

/// <summary>/sources: the documents replies quote from.</summary>
internal sealed class SourcesCommand(IKnowledgeProvider knowledge) : IBuiltInCommand
{
    public const string CommandName = "sources";

    public string Name => CommandName;

    public Task<Reply> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var pack = knowledge.Current;
        var culture = CultureInfo.GetCultureInfo(context.Language.Code());
        var lines = pack.Sources.Select(s => string.Format(
            culture,
            Phrases.SourceLine.In(context.Language),
            s.Title,
            s.Outlet,
            s.Language,
            s.Paragraphs.Count,
            pack.Excerpts.Count(e => e.SourceId == s.Id),
            s.Id));
        var body = new List<TextRun> { TextRun.Strong(Phrases.SourcesHeading.In(context.Language)) };
        body.AddRange(lines.Select(l => TextRun.Plain("\n• " + l)));
        return Task.FromResult(new Reply { Question = context.Request.Text, Language = context.Language, Kind = ReplyKind.Help, Body = body });
    }
}
