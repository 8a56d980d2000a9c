using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StoryBot.Tests.Configuration;

/// <summary>
/// The <c>&lt;summary&gt;</c> comments of the classes and properties under src/, read from the
/// source, so the configuration reference says what the code's own comments say.
/// </summary>
internal sealed partial class SourceDocComments
{
    private readonly Dictionary<string, Declaration> _types = new(StringComparer.Ordinal);

    public SourceDocComments(string sourceRoot)
    {
        var files = Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
        foreach (var file in files)
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file).GetRoot();
            foreach (var type in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                var properties = type.Members.OfType<PropertyDeclarationSyntax>()
                    .ToDictionary(p => p.Identifier.Text, p => Summary(p), StringComparer.Ordinal);
                _types[FullName(type)] = new Declaration(Path.GetRelativePath(Path.GetDirectoryName(sourceRoot)!, file).Replace('\\', '/'), Summary(type), properties);
            }
        }
    }

    /// <summary>The class's file, relative to the repository, and its summary.</summary>
    public (string File, XElement? Summary) Of(Type type) =>
        _types.TryGetValue(type.FullName!, out var declaration) ? (declaration.File, declaration.Summary) : ("(source not found)", null);

    public XElement? Of(Type type, string property) =>
        _types.TryGetValue(type.FullName!, out var declaration) ? declaration.Properties.GetValueOrDefault(property) : null;

    /// <summary>
    /// A summary as one line of Markdown: <c>code</c> in backticks, a <c>see cref</c> as the name it
    /// points to (through <paramref name="cref"/>, which may turn a sibling property into its key).
    /// </summary>
    public static string Markdown(XElement? summary, Func<string, string> cref)
    {
        if (summary is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        Append(summary, text, cref);
        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    private static void Append(XElement element, StringBuilder text, Func<string, string> cref)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText plain:
                    text.Append(plain.Value);
                    break;
                case XElement { Name.LocalName: "c" } code:
                    text.Append('`').Append(code.Value).Append('`');
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see when see.Attribute("cref") is { } target:
                    text.Append('`').Append(cref(target.Value.Split(':', '.')[^1])).Append('`');
                    break;
                case XElement { Name.LocalName: "see" } see when see.Attribute("langword") is { } word:
                    text.Append('`').Append(word.Value).Append('`');
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append('`').Append(reference.Attribute("name")?.Value).Append('`');
                    break;
                case XElement nested:
                    text.Append(' ');
                    Append(nested, text, cref);
                    text.Append(' ');
                    break;
            }
        }
    }

    private static XElement? Summary(MemberDeclarationSyntax member)
    {
        var comment = member.GetLeadingTrivia()
            .Select(t => t.GetStructure())
            .OfType<DocumentationCommentTriviaSyntax>()
            .LastOrDefault();
        if (comment is null)
        {
            return null;
        }

        var xml = string.Join('\n', comment.ToFullString().Split('\n').Select(line => DocPrefix().Replace(line, string.Empty)));
        return XElement.Parse("<doc>" + xml + "</doc>").Element("summary");
    }

    private static string FullName(TypeDeclarationSyntax type)
    {
        // As reflection spells it: Namespace.Outer+Inner.
        var name = type.Identifier.Text;
        for (var parent = type.Parent; parent is not null; parent = parent.Parent)
        {
            name = parent switch
            {
                TypeDeclarationSyntax outer => outer.Identifier.Text + "+" + name,
                BaseNamespaceDeclarationSyntax ns => ns.Name + "." + name,
                _ => name,
            };
        }

        return name;
    }

    [GeneratedRegex(@"^\s*///\s?")]
    private static partial Regex DocPrefix();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed record Declaration(string File, XElement? Summary, Dictionary<string, XElement?> Properties);
}
