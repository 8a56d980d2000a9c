using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StoryBot.Benchmarks.Slack;
using StoryBot.Benchmarks.Support;
using StoryBot.Hosting;
using StoryBot.State.Moderation;
using StoryBot.State.Storage;

namespace StoryBot.Benchmarks.Dashboard;

/// <summary>
/// What each dashboard page costs with a year's worth of state: 100,000 recorded answers (two
/// citations each), 2,000 reports (200 open), 20,000 audit entries, 30,000 unanswered questions in
/// 3,000 wordings and 2,000 summary slots, written in the real schema into the bot's state store
/// (the SQLite file, and a database of its own on PostgreSQL where STORYBOT_TEST_POSTGRES names a
/// server; the same statements fill both); every answer and unanswered question carries its answer time, as the overview's percentiles read them.
/// The bot runs as in production on Slack's HTTP endpoints (a fake Slack Web API on loopback) with
/// the dashboard on; a signed-in client GETs each page over loopback, side by side with the same GET
/// to a plain Kestrel endpoint (the HTTP round trip alone).
/// Run: dotnet run -c Release --project benchmarks/StoryBot.Benchmarks -- --filter '*DashboardPage*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public partial class DashboardPageBenchmarks : IDisposable
{
    public const int Answers = 100_000;

    private readonly SignInLinkLog _log = new();
    private ServedBot? _served;
    private DashboardStateStore? _store;
    private Uri _dashboard = null!;

    /// <summary>The state store: <c>sqlite</c>, and <c>postgres</c> where a server is configured.</summary>
    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = StorageOptions.Sqlite;

    public static IEnumerable<string> Stores() => DashboardStateStore.Available();

    [GlobalSetup]
    public void Start() => StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Dispose()
    {
        _served?.Dispose();
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "plain Kestrel GET")]
    public Task<int> PlainEndpoint() => GetAsync(_served!.PlainPage);

    [Benchmark(Description = "overview /")]
    public Task<int> Overview() => GetAsync(new Uri(_dashboard, "/"));

    [Benchmark(Description = "/Reports")]
    public Task<int> Reports() => GetAsync(new Uri(_dashboard, "/Reports"));

    [Benchmark(Description = "/Sources")]
    public Task<int> Sources() => GetAsync(new Uri(_dashboard, "/Sources"));

    [Benchmark(Description = "/Unanswered")]
    public Task<int> Unanswered() => GetAsync(new Uri(_dashboard, "/Unanswered"));

    [Benchmark(Description = "/Summaries")]
    public Task<int> Summaries() => GetAsync(new Uri(_dashboard, "/Summaries"));

    [Benchmark(Description = "/Audit")]
    public Task<int> Audit() => GetAsync(new Uri(_dashboard, "/Audit"));

    private Task<int> GetAsync(Uri uri) => _served!.GetAsync(uri);

    private async Task StartAsync()
    {
        _served = await ServedBot.StartFakesAsync(
            new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }),
            "dashboard-pages",
            "<!DOCTYPE html><p>ok</p>",
            "text/html");
        _store = await DashboardStateStore.CreateAsync(Store, _served.DataDirectory);
        var web = new Uri($"http://127.0.0.1:{LoopbackGet.FreePort()}");
        _dashboard = new Uri($"http://127.0.0.1:{LoopbackGet.FreePort()}");
        string[] args =
        [
            .. _served.SlackArgs("xoxb-dashboard-benchmark"),
            .. _store.Args,
            $"--Urls={web}",
            "--Dashboard:Enabled=true",
            // Longer than the fill's 60 days, or the start's retention purge would leave half the answers.
            "--Moderation:AnswerRetention=90.00:00:00",
            $"--Dashboard:Urls={_dashboard}",
        ];

        // A first run creates the schema and records real answers, whose replies the fill copies.
        using (var first = StoryBotApp.Build(RunMode.Parse(args)))
        {
            await first.StartAsync();
            await SlackLoad.AskOnceEachAsync(_served.Http, new Uri(web, "/slack/commands"), _served.Slack.ResponseUrlBase, count: 20);
            await first.StopAsync();
        }

        using (var connection = _store.Open())
        {
            Fill(connection, _store.AfterFill, TimeProvider.System.GetUtcNow());
        }

        await _served.StartAsync(StoryBotApp.Build(RunMode.Parse(args), services => services.AddSingleton<ILoggerProvider>(_log)));
        await SignInAsync();
    }

    /// <summary>Signs the client in with the one-time link the bot logged at start, as an operator does.</summary>
    private async Task SignInAsync()
    {
        var link = _log.Link ?? throw new InvalidOperationException("The dashboard logged no sign-in link");
        var http = _served!.Http;
        var page = await http.GetStringAsync(link);
        var antiforgery = AntiforgeryField().Match(page).Groups[1].Value;
        var token = new Uri(link).Query.Split('=', 2)[1];
        using var form = new FormUrlEncodedContent([new("token", Uri.UnescapeDataString(token)), new("__RequestVerificationToken", antiforgery)]);
        using var signedIn = await http.PostAsync(new Uri(_dashboard, "/SignIn"), form);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in answered {(int)signedIn.StatusCode}");
        }
    }

    /// <summary>An answer time for row i, spread from 1 to 400 ms in no order, as the overview's percentiles read them.</summary>
    private const string AnswerTime = "1 + ((i * 7919) % 3991) / 10.0";

    /// <summary>
    /// The state a busy year leaves, in the real schema, spread over the last 60 days: statements both
    /// SQLite and PostgreSQL run, each row made by the server (INSERT ... SELECT over a counted series).
    /// The unanswered questions are keyed as the bot keys them now, so it has none to key anew in the
    /// background while the pages are measured.
    /// </summary>
    private static void Fill(DbConnection connection, string settle, DateTimeOffset now)
    {
        using var transaction = connection.BeginTransaction();
        var end = now.ToUnixTimeMilliseconds();
        var span = (long)TimeSpan.FromDays(60).TotalMilliseconds;
        Execute(connection, transaction, $"""
            CREATE TEMP TABLE template AS SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS n, id, question, language, reply FROM answers;
            WITH RECURSIVE seq(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM seq WHERE i < {Answers - 1})
            INSERT INTO answers (platform, channel_id, message_id, thread_id, user_id, question, language, reply, posted_at, duration_ms)
            SELECT 'slack', 'C' || (i % 40), 'bench-' || i, NULL, 'U' || (i % 5000), t.question, t.language, t.reply, {end} - (i * {span / Answers}),
                   {AnswerTime}
            FROM seq JOIN template t ON t.n = i % (SELECT COUNT(*) FROM template);
            INSERT INTO answer_citations (answer_id, excerpt_id, source_id)
            SELECT a.id, c.excerpt_id, c.source_id FROM answers a
            JOIN template t ON t.question = a.question AND t.language = a.language AND a.message_id LIKE 'bench-%'
            JOIN answer_citations c ON c.answer_id = t.id
            WHERE true ON CONFLICT DO NOTHING;
            WITH RECURSIVE seq(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM seq WHERE i < 1999)
            INSERT INTO reports (platform, channel_id, reporter_id, answer_id, message_id, reason, status, created_at, resolved_by, resolved_at)
            SELECT 'slack', 'C' || (i % 40), 'U' || (i % 700), a.id, a.message_id, 'not what the story says',
                   CASE WHEN i % 10 = 0 THEN 'open' WHEN i % 2 = 0 THEN 'dismissed' ELSE 'actioned' END,
                   a.posted_at + 60000, CASE WHEN i % 10 = 0 THEN NULL ELSE 'slack:UMOD' END, CASE WHEN i % 10 = 0 THEN NULL ELSE a.posted_at + 120000 END
            FROM seq JOIN answers a ON a.message_id = 'bench-' || (i * 50);
            WITH RECURSIVE seq(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM seq WHERE i < 19999)
            INSERT INTO audit_log (actor_id, platform, action, target, reason, occurred_at)
            SELECT 'UMOD' || (i % 7), 'slack', CASE i % 4 WHEN 0 THEN 'disable' WHEN 1 THEN 'enable' WHEN 2 THEN 'dismiss' ELSE 'refused' END,
                   'excerpt:bench-' || (i % 300), 'checked against the source', {end} - (i * {span / 20_000})
            FROM seq;
            WITH RECURSIVE seq(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM seq WHERE i < 29999)
            INSERT INTO unanswered_questions (question, question_key, language, platform, channel_kind, asked_at, key_version, duration_ms)
            SELECT 'Who paid for launch ' || (i % 3000) || '?', 'person: ' || (i % 3000) || ' launch paid',
                   'en', 'slack', 'channel', {end} - (i * {span / 30_000}), {UnansweredLog.KeyVersion}, {AnswerTime}
            FROM seq;
            WITH RECURSIVE seq(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM seq WHERE i < 1999)
            INSERT INTO summary_ledger (schedule, slot_utc, slot_local, platform, channel_id, status, attempts, message_id, created_at, updated_at)
            SELECT 'daily-' || (i % 4), ({end} / 1000) - (i / 4) * 86400, '09:00', 'slack', 'C' || (i % 4),
                   CASE WHEN i % 20 = 0 THEN 'failed' WHEN i % 7 = 0 THEN 'skipped' ELSE 'posted' END, CASE WHEN i % 20 = 0 THEN 4 ELSE 1 END, '1700000000.' || i,
                   {end} - (i / 4) * 86400000, {end} - (i / 4) * 86400000
            FROM seq;
            DROP TABLE template;
            """);
        transaction.Commit();
        Execute(connection, null, settle);
        var count = Scalar(connection, "SELECT COUNT(*) FROM answers");
        if (count < Answers)
        {
            throw new InvalidOperationException($"The fill recorded {count} answers, not {Answers}");
        }
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        command.ExecuteNonQuery();
    }

    private static long Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar()!, System.Globalization.CultureInfo.InvariantCulture);
    }


    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Keeps the one-time sign-in link the dashboard logs at start.</summary>
    private sealed partial class SignInLinkLog : ILoggerProvider, ILogger
    {
        public string? Link { get; private set; }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (SignInLink().Match(formatter(state, exception)) is { Success: true } match)
            {
                Link = match.Value;
            }
        }

        public void Dispose()
        {
        }

        [GeneratedRegex(@"http://\S+/SignIn\?token=\S+")]
        private static partial Regex SignInLink();
    }
}
