using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StoryBot.Core.DataFiles;

public static class DataDirectoryServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="DataDirectory"/> from <c>Storage:DataDirectory</c>, validated at start and logged
    /// once; every feature with a file of its own calls it, so each works whichever is added first.
    /// </summary>
    public static IServiceCollection AddDataDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(DataDirectory)))
        {
            return services;
        }

        services.AddOptions<DataDirectoryOptions>()
            .Bind(configuration.GetSection(DataDirectoryOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DataDirectory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DataDirectoryLog>());
        return services;
    }

    /// <summary>Takes the path <paramref name="path"/> reads from the options under the data directory, in place.</summary>
    public static OptionsBuilder<TOptions> UnderDataDirectory<TOptions>(
        this OptionsBuilder<TOptions> builder, Func<TOptions, string> path, Action<TOptions, string> setPath)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.PostConfigure<DataDirectory>((options, directory) => setPath(options, directory.Resolve(path(options))));
    }
}
