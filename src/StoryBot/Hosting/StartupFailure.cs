using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StoryBot.Core;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge.Loading;

namespace StoryBot.Hosting;

/// <summary>Turns start-up failures a person can fix (configuration, the knowledge pack) into plain messages.</summary>
internal static class StartupFailure
{
    public static bool IsStartupFailure(Exception exception) =>
        Unwrap(exception) is OptionsValidationException or KnowledgePackException or ChatCommandConflictException or StartupProblemException
        || IsUnreadableValue(Unwrap(exception))
        || IsAddressUnavailable(Unwrap(exception));

    public static string Describe(Exception exception) => Unwrap(exception) switch
    {
        OptionsValidationException options => string.Join(Environment.NewLine, options.Failures.Select(f => "  " + f)),
        KnowledgePackException pack => pack.Message,
        ChatCommandConflictException conflict => "  " + conflict.Message,
        var address when IsAddressUnavailable(address) => $"  {address.Message} Set ASPNETCORE_URLS (or --urls) to an address this machine can listen on.",
        var unreadable => "  " + unreadable.Message,
    };

    /// <summary>
    /// A configured value that does not convert to its option's type ("abc" for a TimeSpan): the binder's
    /// message names the key and the value, e.g. "Failed to convert configuration value 'abc' at 'Cooldown:Window'".
    /// </summary>
    private static bool IsUnreadableValue(Exception exception) =>
        exception is InvalidOperationException && exception.TargetSite?.DeclaringType == typeof(ConfigurationBinder);

    /// <summary>
    /// The web server cannot listen where it was told (the port is taken, or not this user's to
    /// take): Kestrel's message names the address.
    /// </summary>
    private static bool IsAddressUnavailable(Exception exception) =>
        exception is IOException { InnerException: AddressInUseException or SocketException };

    private static Exception Unwrap(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => exception,
    };
}
