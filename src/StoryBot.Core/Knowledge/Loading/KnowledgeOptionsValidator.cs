using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Fails start-up with a message naming the key at fault (Knowledge:Path, Knowledge:Story, or a key of the
/// Stories section) when a story folder to serve cannot be found or a channel is mapped to a story not served.
/// </summary>
internal sealed class KnowledgeOptionsValidator(IHostEnvironment? environment = null, IOptions<StoriesOptions>? stories = null) : IValidateOptions<KnowledgeOptions>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            return ValidateOptionsResult.Skip; // [Required] on the option already says so
        }

        KnowledgePackLocation.ResolveStories(options, stories?.Value, environment?.ContentRootPath, out var problem);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
