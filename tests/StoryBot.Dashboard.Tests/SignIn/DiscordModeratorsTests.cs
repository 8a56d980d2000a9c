using StoryBot.Dashboard.SignIn;

namespace StoryBot.Dashboard.Tests.SignIn;

/// <summary>Who moderates the Discord server, by the rule chat applies to /moderate.</summary>
public sealed class DiscordModeratorsTests
{
    [Theory]
    [InlineData("8", "32", true)] // Administrator, whatever is asked for
    [InlineData("32", "32", true)] // Manage Server
    [InlineData("48", "32", true)]
    [InlineData("16", "32", false)]
    [InlineData("32", "0", false)] // "0": administrators only
    [InlineData("8", "0", true)]
    [InlineData(null, "32", false)] // not a member of the server
    [InlineData("-32", "32", false)]
    public void PermissionsDecideAsInChat(string? held, string required, bool moderates) =>
        Assert.Equal(moderates, DiscordModerators.IsModerator(held, [], Settings(required, [])));

    [Fact]
    public void OneOfTheModeratorRolesIsEnoughWithoutThePermission()
    {
        var settings = Settings("32", ["role-mod"]);

        Assert.True(DiscordModerators.IsModerator("0", ["role-x", "role-mod"], settings));
        Assert.False(DiscordModerators.IsModerator("0", ["role-x"], settings));
        Assert.False(DiscordModerators.IsModerator("0", ["role-mod"], Settings("32", [])));
    }

    private static DiscordSignInSettings Settings(string permissions, string[] roles) =>
        new("app", "secret", "guild", new Uri("https://discord.com/oauth2/authorize"), "https://discord.com/api/v10", roles, permissions);
}
