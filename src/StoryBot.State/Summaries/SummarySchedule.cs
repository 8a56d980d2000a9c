using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;
using StoryBot.Core.Knowledge;

namespace StoryBot.State.Summaries;

/// <summary>A validated schedule: where a summary goes, in which language, and its cron rule in a time zone.</summary>
public sealed partial record SummarySchedule(
    string Name,
    string Platform,
    string ChannelId,
    CronExpression Expression,
    TimeZoneInfo Zone,
    Language Language)
{
    /// <summary>
    /// Reads every configured schedule; returns the valid ones and one message per problem, each
    /// naming the entry and the key (<c>Summaries:Schedules:2:TimeZone ...</c>).
    /// </summary>
    public static (IReadOnlyList<SummarySchedule> Schedules, IReadOnlyList<string> Errors) ReadAll(
        IEnumerable<SummaryScheduleOptions> entries)
    {
        var schedules = new List<SummarySchedule>();
        var errors = new List<string>();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var entry in entries)
        {
            var key = $"{SummariesOptions.Section}:Schedules:{index}";
            var schedule = Read(entry, key, errors);
            if (schedule is not null)
            {
                if (names.TryGetValue(schedule.Name, out var first))
                {
                    errors.Add($"{key}:Name '{schedule.Name}' is already used by {SummariesOptions.Section}:Schedules:{first}; names must be unique");
                }
                else
                {
                    names.Add(schedule.Name, index);
                    schedules.Add(schedule);
                }
            }

            index++;
        }

        return (schedules, errors);
    }

    private static SummarySchedule? Read(SummaryScheduleOptions entry, string key, List<string> errors)
    {
        var before = errors.Count;

        var name = entry.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add($"{key}:Name is required");
        }
        else if (!NamePattern().IsMatch(name))
        {
            errors.Add($"{key}:Name '{name}' may only hold letters, digits, '.', '_' and '-' (at most 64)");
        }

        var platform = entry.Platform?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(platform))
        {
            errors.Add($"{key}:Platform is required (discord, slack or console)");
        }
        else if (platform is not ("discord" or "slack" or "console"))
        {
            errors.Add($"{key}:Platform '{entry.Platform}' is not one of discord, slack, console");
        }

        var channel = entry.ChannelId?.Trim();
        if (string.IsNullOrEmpty(channel))
        {
            errors.Add($"{key}:ChannelId is required");
        }

        var expression = ReadRule(entry, key, errors);

        TimeZoneInfo? zone = null;
        if (string.IsNullOrWhiteSpace(entry.TimeZone))
        {
            errors.Add($"{key}:TimeZone is required (an IANA id such as Europe/Berlin)");
        }
        else
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(entry.TimeZone.Trim());
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                errors.Add($"{key}:TimeZone '{entry.TimeZone}' is not a known IANA time zone");
            }
        }

        var language = Language.English;
        if (string.IsNullOrWhiteSpace(entry.Language))
        {
            errors.Add($"{key}:Language is required (en or de)");
        }
        else if (!LanguageCodes.TryParse(entry.Language, out language))
        {
            errors.Add($"{key}:Language '{entry.Language}' is not one of en, de");
        }

        return errors.Count == before
            ? new SummarySchedule(name!, platform!, channel!, expression!, zone!, language)
            : null;
    }

    private static CronExpression? ReadRule(SummaryScheduleOptions entry, string key, List<string> errors)
    {
        var hasCron = !string.IsNullOrWhiteSpace(entry.Cron);
        var hasTime = !string.IsNullOrWhiteSpace(entry.Time);
        if (hasCron == hasTime)
        {
            errors.Add($"{key}: set exactly one of Cron or Time (found {(hasCron ? "both" : "neither")})");
            return null;
        }

        if (hasCron)
        {
            // Standard (5-field) format only: a seconds field would let one schedule post every second.
            if (CronExpression.TryParse(entry.Cron!.Trim(), CronFormat.Standard, out var cron))
            {
                return cron;
            }

            errors.Add($"{key}:Cron '{entry.Cron}' is not a valid 5-field cron expression (minute hour day-of-month month day-of-week)");
            return null;
        }

        if (TimeOnly.TryParseExact(entry.Time!.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return CronExpression.Parse(
                string.Create(CultureInfo.InvariantCulture, $"{time.Minute} {time.Hour} * * *"),
                CronFormat.Standard);
        }

        errors.Add($"{key}:Time '{entry.Time}' is not a time of day in HH:mm form (for example 09:00)");
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
