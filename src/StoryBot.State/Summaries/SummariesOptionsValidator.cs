using Microsoft.Extensions.Options;

namespace StoryBot.State.Summaries;

/// <summary>Stops the host at start when a schedule or a summary setting cannot work.</summary>
internal sealed class SummariesOptionsValidator : IValidateOptions<SummariesOptions>
{
    public ValidateOptionsResult Validate(string? name, SummariesOptions options)
    {
        var (_, errors) = SummarySchedule.ReadAll(options.Schedules);
        var all = new List<string>(errors);
        var section = SummariesOptions.Section;

        if (options.CatchUpWindow <= TimeSpan.Zero || options.CatchUpWindow > TimeSpan.FromDays(1))
        {
            all.Add($"{section}:CatchUpWindow '{options.CatchUpWindow}' must be more than zero and at most one day");
        }

        if (options.ClaimLease < TimeSpan.FromSeconds(30) || options.ClaimLease > TimeSpan.FromHours(1))
        {
            all.Add($"{section}:ClaimLease '{options.ClaimLease}' must be between 00:00:30 and 01:00:00");
        }

        if (options.MaxPostAttempts is < 1 or > 50)
        {
            all.Add($"{section}:MaxPostAttempts '{options.MaxPostAttempts}' must be between 1 and 50");
        }

        if (options.RetryDelay < TimeSpan.FromSeconds(1) || options.RetryDelay > TimeSpan.FromMinutes(10))
        {
            all.Add($"{section}:RetryDelay '{options.RetryDelay}' must be between 00:00:01 and 00:10:00");
        }

        return all.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(all);
    }
}
