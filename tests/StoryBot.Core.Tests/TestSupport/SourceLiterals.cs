using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StoryBot.Core.Tests.TestSupport;

/// <summary>The texts a C# file says at run time: its string and character literals, never its comments.</summary>
internal static class SourceLiterals
{
    private static readonly HashSet<SyntaxKind> LiteralKinds =
    [
        SyntaxKind.StringLiteralToken,
        SyntaxKind.Utf8StringLiteralToken,
        SyntaxKind.SingleLineRawStringLiteralToken,
        SyntaxKind.MultiLineRawStringLiteralToken,
        SyntaxKind.Utf8SingleLineRawStringLiteralToken,
        SyntaxKind.Utf8MultiLineRawStringLiteralToken,
        SyntaxKind.InterpolatedStringTextToken,
        SyntaxKind.CharacterLiteralToken,
    ];

    /// <summary>Each literal's text with the 1-based line it starts on.</summary>
    public static IEnumerable<(int Line, string Text)> Of(string code) =>
        CSharpSyntaxTree.ParseText(code).GetRoot()
            .DescendantTokens()
            .Where(token => LiteralKinds.Contains(token.Kind()))
            .Select(token => (token.GetLocation().GetLineSpan().StartLinePosition.Line + 1, token.ValueText));
}
