using Microsoft.Extensions.Options;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Hosting;

/// <summary>Turns start-up failures a person can fix (configuration, the knowledge pack) into plain messages.</summary>
internal static class StartupFailure
{
    public static bool IsStartupFailure(Exception exception) => Unwrap(exception) is OptionsValidationException or KnowledgePackException;

    public static string Describe(Exception exception) => Unwrap(exception) switch
    {
        OptionsValidationException options => string.Join(Environment.NewLine, options.Failures.Select(f => "  " + f)),
        var other => other.Message,
    };

    private static Exception Unwrap(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => exception,
    };
}
