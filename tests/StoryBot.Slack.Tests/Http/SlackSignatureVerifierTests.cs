using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StoryBot.Slack.Configuration;
using StoryBot.Slack.Http;

namespace StoryBot.Slack.Tests.Http;

public class SlackSignatureVerifierTests
{
    // Slack's documented example ("Verifying requests from Slack"): the slash-command body, secret and timestamp.
    private const string DocumentedSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string DocumentedTimestamp = "1531420618";
    private const string DocumentedSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string DocumentedBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(DocumentedBody);

    private static SlackSignatureVerifier Verifier(long nowSeconds, string? secret = DocumentedSecret)
    {
        var options = Mock.Of<IOptionsMonitor<SlackOptions>>(monitor => monitor.CurrentValue == new SlackOptions { SigningSecret = secret });
        return new SlackSignatureVerifier(options, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(nowSeconds)));
    }

    public class IsValid
    {
        [Fact]
        public void AcceptsTheDocumentedTestVector()
        {
            Assert.True(Verifier(1531420618).IsValid(DocumentedTimestamp, DocumentedSignature, Body));
        }

        [Fact]
        public void SignProducesTheDocumentedSignature()
        {
            Assert.Equal(DocumentedSignature, SlackSignatureVerifier.Sign(DocumentedSecret, DocumentedTimestamp, Body));
        }

        [Fact]
        public void RejectsATamperedBody()
        {
            var tampered = Encoding.UTF8.GetBytes(DocumentedBody.Replace("text=", "text=x", StringComparison.Ordinal));

            Assert.False(Verifier(1531420618).IsValid(DocumentedTimestamp, DocumentedSignature, tampered));
        }

        [Fact]
        public void RejectsAnotherSecret()
        {
            Assert.False(Verifier(1531420618, "another-secret").IsValid(DocumentedTimestamp, DocumentedSignature, Body));
        }

        [Theory]
        [InlineData(1531420618 + 300, true)]
        [InlineData(1531420618 - 300, true)]
        [InlineData(1531420618 + 301, false)]
        [InlineData(1531420618 - 301, false)]
        public void AcceptsTimestampsWithinFiveMinutesEitherWayOnly(long now, bool valid)
        {
            Assert.Equal(valid, Verifier(now).IsValid(DocumentedTimestamp, DocumentedSignature, Body));
        }

        [Theory]
        [InlineData(null, DocumentedSignature)]
        [InlineData(DocumentedTimestamp, null)]
        [InlineData("", DocumentedSignature)]
        [InlineData("not-a-number", DocumentedSignature)]
        [InlineData(DocumentedTimestamp, "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
        [InlineData(DocumentedTimestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
        [InlineData(DocumentedTimestamp, "v0=a2114d57")]
        [InlineData(DocumentedTimestamp, "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
        public void RejectsMissingOrMalformedHeaders(string? timestamp, string? signature)
        {
            Assert.False(Verifier(1531420618).IsValid(timestamp, signature, Body));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("  ")]
        public void WithoutASecretNothingVerifies(string? secret)
        {
            var signature = SlackSignatureVerifier.Sign(secret ?? string.Empty, DocumentedTimestamp, Body);

            Assert.False(Verifier(1531420618, secret).IsValid(DocumentedTimestamp, signature, Body));
        }
    }
}
