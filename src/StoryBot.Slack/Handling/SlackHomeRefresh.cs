using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge.Loading;
using StoryBot.Slack.Configuration;

namespace StoryBot.Slack.Handling;

/// <summary>
/// Publishes the Home tab again for its recent viewers when what it shows changes: everyone's when
/// the pack is reloaded, the moderators' when a report is filed or resolved, here at once or
/// elsewhere (another instance, another platform's process) when the count of open reports, read
/// every <see cref="SlackOptions.HomeReportsPoll"/>, moves. Changes that come
/// together are published once, after <see cref="SettleDelay"/>, one viewer per
/// <see cref="SlackOptions.HomeRefreshInterval"/>, so a burst never floods the Web API.
/// </summary>
internal sealed partial class SlackHomeRefresh(
    SlackAppHome home,
    SlackHomeViewers viewers,
    SlackModerators moderators,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackHomeRefresh> logger,
    IKnowledgePackChanges? packChanges = null,
    IOpenReports? reports = null) : BackgroundService
{
    /// <summary>A reload writes several files and a moderator resolves reports in a row: wait for them to settle.</summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(2);

    private readonly Channel<Audience> _changes = Channel.CreateUnbounded<Audience>(new UnboundedChannelOptions { SingleReader = true });

    // The open reports as last counted; -1 until the first count.
    private int _openReports = -1;

    private enum Audience
    {
        Moderators,
        Everyone,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Subscribe(true);
        var watching = reports is null ? Task.CompletedTask : WatchOpenReportsAsync(reports, stoppingToken);
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(SettleDelay, time, stoppingToken);
                var audience = Audience.Moderators;
                while (_changes.Reader.TryRead(out var changed))
                {
                    audience = changed > audience ? changed : audience;
                }

                await PublishAgainAsync(audience, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a tab not refreshed now is published afresh when next opened.
        }
        finally
        {
            Subscribe(false);
            await watching;
        }
    }

    private async Task WatchOpenReportsAsync(IOpenReports open, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HomeReportsPoll, time);
        try
        {
            do
            {
                if (await CountAsync(open, stoppingToken) is { } count
                    && Interlocked.Exchange(ref _openReports, count) is var before and >= 0
                    && before != count)
                {
                    _changes.Writer.TryWrite(Audience.Moderators);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<int?> CountAsync(IOpenReports open, CancellationToken stoppingToken)
    {
        try
        {
            return await open.CountAsync(stoppingToken);
        }
#pragma warning disable CA1031 // The store being away is reported by readiness; the tabs wait for the next count.
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogCountFailed(exception);
            return null;
        }
    }

    private void Subscribe(bool listen)
    {
        if (packChanges is not null)
        {
            if (listen)
            {
                packChanges.PackSwapped += OnPackSwapped;
            }
            else
            {
                packChanges.PackSwapped -= OnPackSwapped;
            }
        }

        if (reports is not null)
        {
            if (listen)
            {
                reports.Changed += OnReportsChanged;
            }
            else
            {
                reports.Changed -= OnReportsChanged;
            }
        }
    }

    private void OnPackSwapped(object? sender, KnowledgePackSwappedEventArgs e) => _changes.Writer.TryWrite(Audience.Everyone);

    private void OnReportsChanged(object? sender, EventArgs e)
    {
        // Published for this change now; the next count starts again from what it finds.
        Volatile.Write(ref _openReports, -1);
        _changes.Writer.TryWrite(Audience.Moderators);
    }

    private async Task PublishAgainAsync(Audience audience, CancellationToken stoppingToken)
    {
        var due = viewers.Recent().Where(viewer => audience == Audience.Everyone || moderators.IsModerator(viewer.UserId)).ToList();
        LogRefreshing(due.Count, audience);
        for (var i = 0; i < due.Count; i++)
        {
            if (i > 0)
            {
                await Task.Delay(options.Value.HomeRefreshInterval, time, stoppingToken);
            }

            await home.TryPublishAsync(due[i].UserId, due[i].ChannelId, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not count the open reports for the Home tabs; trying again at the next count")]
    private partial void LogCountFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Publishing the Home tab again for {Count} recent viewers ({Audience})")]
    private partial void LogRefreshing(int count, Audience audience);
}
