namespace StoryBot.Discord.Tests;

public sealed partial class GatewayTests
{
    /// <summary>What the Gateway connection does when the host stops.</summary>
    public sealed class Shutdown : IAsyncLifetime, IDisposable
    {
        private readonly GatewayTests _t = new();

        public Task InitializeAsync() => _t.InitializeAsync();

        public Task DisposeAsync() => _t.DisposeAsync();

        public void Dispose() => _t.Dispose();

        [Fact]
        public async Task WithoutCloseSessionOnStopAStopKeepsTheSessionForTheNextRunToResume()
        {
            await _t.StartBotAsync(new Dictionary<string, string?> { ["Discord:CloseSessionOnStop"] = "false" });
            var connection = await _t.ConnectReadyAsync("session-kept");

            await _t._host!.StopAsync();

            var closeCode = await connection.Closed.WaitAsync(FakeDiscord.Patience);
            Assert.NotEqual(1000, closeCode);
            Assert.NotEqual(1001, closeCode);
        }

        [Fact]
        public async Task ByDefaultAStopClosesTheGatewayWith1000()
        {
            await _t.StartBotAsync();
            var connection = await _t.ConnectReadyAsync("session-ended");

            await _t._host!.StopAsync();

            Assert.Equal(1000, await connection.Closed.WaitAsync(FakeDiscord.Patience));
            Assert.Contains(_t._logs.Collector.GetSnapshot(), log => log.Message.Contains("session ended (1000) on stop", StringComparison.Ordinal));
        }
    }
}
