using System.ComponentModel.DataAnnotations;

namespace StoryBot.Core.Answering;

/// <summary>How free questions are matched to excerpts.</summary>
public enum RetrievalMode
{
    /// <summary>Keywords and sentence meaning together: the default.</summary>
    Hybrid,

    /// <summary>Keywords alone: no model is loaded, for minimal deployments.</summary>
    Lexical,
}

/// <summary>Configuration section <c>Answering</c>.</summary>
public sealed class AnsweringOptions
{
    public const string Section = "Answering";

    /// <summary><c>Hybrid</c>: keywords and sentence meaning; <c>Lexical</c>: keywords alone, and no model is loaded.</summary>
    public RetrievalMode Mode { get; set; } = RetrievalMode.Hybrid;

    /// <summary>
    /// Where the pack's sentence vectors are kept between starts, keyed by the pack's content and
    /// the model; a relative path is taken under <c>Storage:DataDirectory</c>. Empty: computed at every start.
    /// </summary>
    [MaxLength(4096)]
    public string VectorCache { get; set; } = "vectors";

    /// <summary>
    /// How many replies to questions and story commands are kept for when they are asked again
    /// (see <c>ReplyCache</c>); 0 works every reply out anew.
    /// </summary>
    [Range(0, 1_000_000)]
    public int ReplyCacheSize { get; set; } = 4096;
}
