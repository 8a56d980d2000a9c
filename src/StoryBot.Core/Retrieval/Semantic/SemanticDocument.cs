namespace StoryBot.Core.Retrieval.Semantic;

/// <param name="Excerpt">Position of the excerpt the text speaks for in <see cref="PassageIndex.Excerpts"/>.</param>
/// <param name="Closeness">1 for the excerpt's own words, less for a statement that only cites it in support.</param>
/// <param name="Text">What is embedded: a quote, its rendering, or a curated statement citing it.</param>
internal readonly record struct SemanticDocument(int Excerpt, float Closeness, string Text);
