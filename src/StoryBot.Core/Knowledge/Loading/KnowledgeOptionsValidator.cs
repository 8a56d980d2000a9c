using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Fails start-up with a message naming Knowledge:Path (or Knowledge:Story) when the story folder cannot be found.</summary>
internal sealed class KnowledgeOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<KnowledgeOptions>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            return ValidateOptionsResult.Skip; // [Required] on the option already says so
        }

        KnowledgePackLocation.Resolve(options, environment?.ContentRootPath, out var problem);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
