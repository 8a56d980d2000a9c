using YamlDotNet.Core;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Collects every problem of one load so the curator sees them all at once.</summary>
internal sealed class PackErrors
{
    // Suggestions search the whole pack; a badly broken pack of thousands of articles must still fail fast.
    private const int SuggestionBudget = 100;

    private readonly List<KnowledgePackError> _errors = [];
    private int _suggestions;

    public int Count => _errors.Count;

    public IReadOnlyList<KnowledgePackError> All => _errors;

    public void Add(PackFile file, Mark at, string message) =>
        _errors.Add(new KnowledgePackError(file.DisplayPath, (int)at.Line, (int)at.Column, message));

    /// <summary>Whether a problem is already reported at <paramref name="at"/> (by the file's schema, say).</summary>
    public bool Has(PackFile file, Mark at) => _errors.Any(e => e.File == file.DisplayPath && e.Line == at.Line && e.Column == at.Column);

    public void Add(PackFile file, string message) => _errors.Add(new KnowledgePackError(file.DisplayPath, 0, 0, message));

    public void Add(string displayPath, string message) => _errors.Add(new KnowledgePackError(displayPath, 0, 0, message));

    /// <summary>Whether one more "did you mean" search may run in this load.</summary>
    public bool TakeSuggestion() => ++_suggestions <= SuggestionBudget;

    /// <summary>Errors in file order, then by position, so a curator can work down the list.</summary>
    public IReadOnlyList<KnowledgePackError> Sorted() =>
        [.. _errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)];
}
