using YamlDotNet.RepresentationModel;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>A source as loaded: the document plus what the quote checks need to explain failures.</summary>
internal sealed record LoadedSource(SourceDocument Document, IReadOnlyList<NotContentLine> NotContent);

/// <summary>A line of a source file that curation marked as not article text.</summary>
internal sealed record NotContentLine(string Text, string Why);

/// <summary>Reads <c>sources/&lt;id&gt;.yaml</c> and the verbatim text file it names.</summary>
internal static class SourceReader
{
    /// <summary>The source described by <paramref name="metadata"/>; null (with errors) when it cannot be served.</summary>
    public static LoadedSource? Read(PackFile metadata, PackReading reading)
    {
        var (files, errors) = (reading.Files, reading.Errors);
        var root = YamlFile.Parse(metadata, PackSchema.Source, errors);
        var map = root is null ? null : YamlMap.Open(root, metadata, errors, PackSchema.Source.Noun);
        if (map is null)
        {
            // Its id is unknown, so excerpts naming it cannot be told apart from excerpts naming no source.
            reading.SourceIds.MarkIncomplete();
            return null;
        }

        var id = map.DefineId(reading.SourceIds);
        var expectedId = Path.GetFileNameWithoutExtension(metadata.RelativePath);
        if (id is not null && id != expectedId)
        {
            errors.Add(metadata, map.At("id"), $"source id '{id}' does not match its file name; name the file sources/{id}.yaml or set id: {expectedId}");
        }

        var title = map.Text("title");
        var titleEn = map.Text("title_en");
        var outlet = map.Text("outlet");
        var language = map.Text("language");
        var kind = map.Text("kind");
        var published = map.Moment("published");
        var notContent = ReadNotContent(map);
        var flags = map.Sequence("flags");
        var fileName = map.Text("file");
        var text = fileName is null ? null : ReadText(fileName, map, metadata, files, errors);

        if (text is null || id is null || title is null || outlet is null || language is null || kind is null)
        {
            reading.Skipped(map);
            return null;
        }

        var split = SourceParagraphs.Split(text, [.. notContent.Select(n => n.Value.Text)]);
        foreach (var line in notContent.Where(n => !split.RemovedLines.Contains(n.Value.Text)))
        {
            errors.Add(metadata, line.At, $"{map.What}: not_content line {Shown.Text(line.Value.Text)} is not a line of {fileName}");
        }

        var notes = ReadFlags(flags, split.Paragraphs.Count, map.What, metadata, errors);
        var paragraphs = split.Paragraphs
            .Select((paragraph, index) => new Paragraph(index + 1, paragraph, notes.GetValueOrDefault(index + 1)))
            .ToList();

        var document = new SourceDocument
        {
            Id = id,
            Title = title,
            TitleEn = titleEn,
            Outlet = outlet,
            Language = language,
            Kind = kind,
            Published = published,
            RawText = text,
            Paragraphs = paragraphs,
        };
        return new LoadedSource(document, [.. notContent.Select(n => n.Value)]);
    }

    private static string? ReadText(string fileName, YamlMap map, PackFile metadata, PackFiles files, PackErrors errors)
    {
        // The text must sit beside its metadata: a path could escape the pack folder. The schema says so
        // too, but this guard is what keeps the loader inside the folder.
        if (fileName.IndexOfAny(['/', '\\']) >= 0 || fileName is "." or "..")
        {
            return null;
        }

        var relative = $"sources/{fileName}";
        if (!files.Exists(relative))
        {
            errors.Add(metadata, map.At("file"), $"{map.What}: text file {Shown.Text(fileName)} does not exist in sources/");
            return null;
        }

        var textFile = files.Read(relative, errors);
        if (textFile is null)
        {
            return null;
        }

        var text = textFile.TryDecode();
        if (text is null)
        {
            errors.Add(textFile, "file is not valid UTF-8");
        }

        return text;
    }

    private static List<Located<NotContentLine>> ReadNotContent(YamlMap map)
    {
        var lines = new List<Located<NotContentLine>>();
        foreach (var entry in map.Sequence("not_content").Select(node => YamlMap.Open(node, map.File, map.Errors, $"{map.What}: not_content entry")))
        {
            var (text, why) = (entry?.Text("text"), entry?.Text("why"));
            if (text is not null && why is not null)
            {
                lines.Add(new Located<NotContentLine>(new NotContentLine(text.Trim(), why), entry!.At("text")));
            }
        }

        return lines;
    }

    private static Dictionary<int, LocalizedText> ReadFlags(IReadOnlyList<YamlNode> flags, int paragraphCount, string what, PackFile metadata, PackErrors errors)
    {
        var notes = new Dictionary<int, LocalizedText>();
        foreach (var flag in flags.Select(node => YamlMap.Open(node, metadata, errors, $"{what}: flag")))
        {
            var (number, note) = (flag?.Integer("paragraph"), flag?.Localized("note"));
            if (number is null || note is null)
            {
                continue;
            }

            if (number > paragraphCount)
            {
                errors.Add(metadata, flag!.At("paragraph"), $"{what}: flag for paragraph {number}, but the source has paragraphs 1 to {paragraphCount}");
            }
            else if (!notes.TryAdd(number.Value, note))
            {
                errors.Add(metadata, flag!.At("paragraph"), $"{what}: paragraph {number} is flagged twice");
            }
        }

        return notes;
    }
}
