using System.Globalization;
using System.Text;

namespace StoryBot.Tests.Configuration;

/// <summary>docs/configuration.md, written from <see cref="OptionsCatalog"/>.</summary>
internal static class ConfigurationReference
{
    public const string RelativePath = "docs/configuration.md";

    /// <summary>Set to 1 to write the reference instead of checking it.</summary>
    public const string UpdateVariable = "STORYBOT_UPDATE_DOCS";

    public const string UpdateCommand = UpdateVariable + "=1 dotnet test tests/StoryBot.Tests --filter FullyQualifiedName~ConfigurationReferenceTests";

    public static string Render(IReadOnlyList<OptionsSection> sections)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            # Configuration reference

            Every key StoryBot reads, by section: its type, its default, the range the bot accepts where
            the options class declares one, and the environment variable that sets it. Generated from the
            options classes and their comments; do not edit by hand, regenerate it with

            ```bash
            {UpdateCommand}
            ```

            Settings come from `appsettings.json`, then environment variables, then the command line
            (`--Section:Key=value`), each overriding the one before. An environment variable is the key
            with `__` for every `:`; a list item takes its position as a key of its own
            (`Discord__GuildIds__0`, `Summaries__Schedules__1__Name`). Options are validated when the host
            starts: a value out of range, or a section only half set, stops it with a message naming the
            key. Besides these, the host reads the standard .NET settings: `Logging` (log levels),
            `Kestrel` (limits of the web server), `Urls` / `ASPNETCORE_URLS` (where the HTTP endpoints listen).

            """);
        text.AppendLine();
        text.AppendLine("| section | environment variable prefix |");
        text.AppendLine("| --- | --- |");
        foreach (var section in sections)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| [`{section.Name}`](#{Anchor(section.Name)}) | `{section.Name.Replace(":", "__", StringComparison.Ordinal)}__` |");
        }

        foreach (var section in sections)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"## {section.Name}");
            text.AppendLine();
            foreach (var (type, file, description) in section.Classes)
            {
                text.AppendLine(description.Length == 0 ? $"`{type.Name}` ([{file}](../{file}))" : $"`{type.Name}` ([{file}](../{file})): {Cell(description)}");
                text.AppendLine();
            }

            text.AppendLine("| key | type | default | accepted | environment variable | description |");
            text.AppendLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var key in section.Keys)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| `{key.Key}` | {key.Type} | {Code(key.Default)} | {Cell(key.Validation)} | `{key.EnvironmentVariable}` | {Cell(key.Description)} |");
            }
        }

        return text.ToString();
    }

    private static string Code(string value) => value.StartsWith('(') ? value : $"`{value}`";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Anchor(string heading) =>
        new([.. heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is '-' or '_')]);
}
