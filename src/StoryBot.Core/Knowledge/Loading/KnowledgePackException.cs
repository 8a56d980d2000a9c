namespace StoryBot.Core.Knowledge.Loading;

/// <summary>A pack that cannot be served. The message lists every error, one per line.</summary>
public sealed class KnowledgePackException : Exception
{
    public KnowledgePackException(string packPath, IReadOnlyList<KnowledgePackError> errors)
        : base(Describe(packPath, errors))
    {
        PackPath = packPath;
        Errors = errors;
    }

    public KnowledgePackException()
        : this("", [])
    {
    }

    public KnowledgePackException(string message)
        : base(message)
    {
        PackPath = "";
        Errors = [];
    }

    public KnowledgePackException(string message, Exception innerException)
        : base(message, innerException)
    {
        PackPath = "";
        Errors = [];
    }

    public string PackPath { get; }

    public IReadOnlyList<KnowledgePackError> Errors { get; }

    private static string Describe(string packPath, IReadOnlyList<KnowledgePackError> errors)
    {
        var noun = errors.Count == 1 ? "error" : "errors";
        var header = $"The knowledge pack at {packPath} is invalid ({errors.Count} {noun}):";
        return string.Join(Environment.NewLine, errors.Select(e => e.ToString()).Prepend(header));
    }
}
