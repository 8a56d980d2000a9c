using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Parses a pack file with YamlDotNet's representation model, keeping node positions for messages, and
/// checks it against its schema.
/// </summary>
internal static class YamlFile
{
    /// <summary>
    /// The root node of the file's first document, or null (with the error recorded). What does not meet
    /// <paramref name="schema"/> is reported; the node is returned all the same, so the readers still
    /// check what they can.
    /// </summary>
    public static YamlNode? Parse(PackFile file, PackSchema schema, PackErrors errors)
    {
        var text = file.TryDecode();
        if (text is null)
        {
            errors.Add(file, "file is not valid UTF-8");
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            errors.Add(file, e.Start, $"YAML syntax error: {Innermost(e).Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, with no position, on a flow collection left open
            // before a line indented less than it ("a: {" then "b:").
            errors.Add(file, "YAML syntax error: a '{' or '[' is not closed");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            errors.Add(file, "file is empty");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(file, stream.Documents[1].RootNode.Start, "file holds more than one YAML document (remove the extra '---')");
        }

        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" })
        {
            errors.Add(file, "file is empty");
            return null;
        }

        schema.Check(root, file, text, errors);
        return root;
    }

    private static Exception Innermost(YamlException e)
    {
        Exception current = e;
        while (current.InnerException is YamlException inner)
        {
            current = inner;
        }

        return current;
    }
}
