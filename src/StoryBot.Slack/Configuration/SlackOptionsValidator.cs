using Microsoft.Extensions.Options;

namespace StoryBot.Slack.Configuration;

/// <summary>
/// Refuses a half-configured section at start-up, naming the key, instead of failing later.
/// A blank signing secret is an error, never a way to skip verification.
/// </summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        var hasBot = !string.IsNullOrWhiteSpace(options.BotToken);
        var hasApp = !string.IsNullOrWhiteSpace(options.AppToken);
        var hasSecret = !string.IsNullOrWhiteSpace(options.SigningSecret);

        if (options.SigningSecret is { Length: > 0 } && !hasSecret)
        {
            failures.Add("Slack:SigningSecret is blank; set the app's signing secret or remove the key (verification is never skipped)");
        }

        if (options.BotToken is { Length: > 0 } && !hasBot)
        {
            failures.Add("Slack:BotToken is blank; set the xoxb- bot token or remove the key");
        }

        if (options.AppToken is { Length: > 0 } && !hasApp)
        {
            failures.Add("Slack:AppToken is blank; set the xapp- app-level token or remove the key");
        }

        if (!hasBot && (hasApp || hasSecret))
        {
            failures.Add("Slack:BotToken is required when Slack:AppToken or Slack:SigningSecret is set");
        }

        if (hasBot && !options.BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            failures.Add("Slack:BotToken must be a bot token starting with xoxb-");
        }

        if (hasApp && !options.AppToken!.StartsWith("xapp-", StringComparison.Ordinal))
        {
            failures.Add("Slack:AppToken must be an app-level token starting with xapp-");
        }

        if (hasBot && !hasApp && !hasSecret)
        {
            failures.Add("Slack:AppToken (Socket Mode) or Slack:SigningSecret (HTTP endpoints) is required when Slack:BotToken is set");
        }

        if (options.ApiBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Slack:ApiBaseUrl must be an absolute http(s) URL such as https://slack.com/api/");
        }

        if (options.MaxReconnectDelay < options.ReconnectDelay)
        {
            failures.Add("Slack:MaxReconnectDelay must not be shorter than Slack:ReconnectDelay");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
