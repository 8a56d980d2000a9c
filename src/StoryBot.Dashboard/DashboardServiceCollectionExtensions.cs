using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StoryBot.Dashboard.Figures;
using StoryBot.Dashboard.SignIn;

namespace StoryBot.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// The moderators' and curators' dashboard (section <c>Dashboard</c>, validated at start): when
    /// <see cref="DashboardOptions.Enabled"/>, a listener of its own on <see cref="DashboardOptions.Urls"/>
    /// serving pages that act through the same state services as the chat's <c>/moderate</c>.
    /// Needs <c>AddStoryState</c> and <c>AddSummaries</c>.
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());
        if (!configuration.GetSection(DashboardOptions.Section).GetValue<bool>(nameof(DashboardOptions.Enabled)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SignInLinks>();
        services.TryAddSingleton<DashboardListener>();
        services.TryAddSingleton<OverviewFigures>();
        var discord = new DashboardDiscordOptions();
        configuration.GetSection(DashboardOptions.Section).GetSection(nameof(DashboardOptions.Discord)).Bind(discord);
        if (DiscordSignInSettings.From(configuration, discord) is { } discordSignIn)
        {
            services.TryAddSingleton(discordSignIn);
        }

        var slack = new DashboardSlackOptions();
        configuration.GetSection(DashboardOptions.Section).GetSection(nameof(DashboardOptions.Slack)).Bind(slack);
        if (SlackSignInSettings.From(configuration, slack) is { } slackSignIn)
        {
            services.TryAddSingleton(slackSignIn);
        }

        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<DashboardListener>());
        return services;
    }
}
