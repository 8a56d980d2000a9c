namespace StoryBot.Core.Knowledge.Curation;

/// <summary>One sentence of the article as a draft excerpt: its id and where it stands.</summary>
/// <param name="Paragraph">The content paragraph, counted from 1 as the loader counts them.</param>
public sealed record DraftExcerpt(string Id, int Paragraph, Sentence Sentence);
