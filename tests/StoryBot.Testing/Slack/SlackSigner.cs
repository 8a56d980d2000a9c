using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StoryBot.Testing.Slack;

/// <summary>Signs a request body the way Slack does: <c>v0=</c> and the hex HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>.</summary>
public static class SlackSigner
{
    public static string Sign(string signingSecret, long timestamp, string body)
    {
        var basestring = Encoding.UTF8.GetBytes($"v0:{timestamp.ToString(CultureInfo.InvariantCulture)}:{body}");
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), basestring));
    }
}
