using System.Net;
using StoryBot.State.Corrections;

namespace StoryBot.State.Tests.Corrections;

public sealed class CorrectionFailuresTests
{
    [Theory]
    [InlineData(HttpStatusCode.NotFound, true)]
    [InlineData(HttpStatusCode.Forbidden, true)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.BadGateway, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    public void Http_failures_are_final_for_client_errors_except_rate_limits(HttpStatusCode status, bool permanent)
    {
        Assert.Equal(permanent, CorrectionFailures.IsPermanent(new HttpRequestException("x", null, status)));
        Assert.Equal(permanent, CorrectionFailures.IsPermanent(new StatusShapedException(status)));
    }

    [Theory]
    [InlineData("message_not_found", true)]
    [InlineData("cant_update_message", true)]
    [InlineData("edit_window_closed", true)]
    [InlineData("ratelimited", false)]
    [InlineData("http_503", false)]
    [InlineData("http_404", true)]
    public void Platform_error_codes_are_read_from_the_adapters_exceptions(string error, bool permanent) =>
        Assert.Equal(permanent, CorrectionFailures.IsPermanent(new ErrorShapedException(error)));

    [Fact]
    public void Network_failures_and_unknown_exceptions_are_retried()
    {
        Assert.False(CorrectionFailures.IsPermanent(new HttpRequestException("connection refused")));
        Assert.False(CorrectionFailures.IsPermanent(new TimeoutException()));
        Assert.False(CorrectionFailures.IsPermanent(new FormatException()));
    }

    [Fact]
    public void The_description_is_bounded()
    {
        Assert.Equal(500, CorrectionFailures.Describe(new InvalidOperationException(new string('x', 2000))).Length);
    }

    private sealed class StatusShapedException(HttpStatusCode status) : Exception("REST call failed")
    {
        public HttpStatusCode? Status { get; } = status;
    }

    private sealed class ErrorShapedException(string error) : Exception($"failed: {error}")
    {
        public string Error { get; } = error;
    }
}
