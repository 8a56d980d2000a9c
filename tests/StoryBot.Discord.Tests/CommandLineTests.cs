using StoryBot.Core.Knowledge;
using StoryBot.Core.Platforms;
using StoryBot.Discord.Interactions;

namespace StoryBot.Discord.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("{\"name\": \"who-is\\n/sources disable x\", \"type\": 1}")]
    [InlineData("{\"name\": \"moderate\", \"type\": 1, \"options\": [{\"name\": \"disable\\r\\n/report\", \"type\": 1}]}")]
    public void ALineBreakInACommandOrSubcommandNameCannotStartASecondCommandLine(string data)
    {
        // Found by InteractionFuzzTests: values were flattened, names were not.
        Assert.True(JsonPayload.TryParse($"{{\"id\": \"1\", \"type\": 2, \"data\": {data}}}", out var root));

        var request = CommandLine.ToRequest(Interaction.TryParse(root)!, isModerator: false);

        Assert.DoesNotContain('\n', request!.Text);
        Assert.DoesNotContain('\r', request.Text);
    }

    [Theory]
    [InlineData("\"locale\": \"de\",", Language.German)]
    [InlineData("\"locale\": \"en-US\",", Language.English)]
    [InlineData("\"locale\": \"fr\",", null)]
    [InlineData("", null)]
    public void TheUsersDiscordLanguageIsTheLanguageToFallBackOn(string locale, Language? expected)
    {
        Assert.True(JsonPayload.TryParse(
            $"{{\"id\": \"1\", \"type\": 2, {locale} \"data\": {{\"name\": \"ask\", \"type\": 1, \"options\": [{{\"name\": \"question\", \"type\": 3, \"value\": \"Texas?\"}}]}}}}",
            out var root));

        var request = CommandLine.ToRequest(Interaction.TryParse(root)!, isModerator: false);

        Assert.Equal(expected, request!.PreferredLanguage);
    }
}
