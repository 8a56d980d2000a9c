using Microsoft.Extensions.Options;

namespace StoryBot.State.Storage;

/// <summary>Stops the host at start with a message naming the key that is wrong.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var provider = options.Provider?.Trim() ?? string.Empty;
        if (!provider.Equals(StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase)
            && !provider.Equals(StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:Provider must be '{StorageOptions.Sqlite}' or '{StorageOptions.Postgres}' (was '{provider}').");
        }

        if (options.IsPostgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "Storage:ConnectionString is required when Storage:Provider is 'postgres'.");
        }

        if (options.OutageRetryMaxDelay < TimeSpan.FromSeconds(1))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:OutageRetryMaxDelay must be at least one second (was '{options.OutageRetryMaxDelay}').");
        }

        if (options.MaxDeferredWrites < 1)
        {
            return ValidateOptionsResult.Fail(
                $"Storage:MaxDeferredWrites must be at least 1 (was {options.MaxDeferredWrites}).");
        }

        if (options.MaxSpillFileBytes < 1)
        {
            return ValidateOptionsResult.Fail(
                $"Storage:MaxSpillFileBytes must be at least 1 (was {options.MaxSpillFileBytes}).");
        }

        if (options.SpillTakeoverInterval < TimeSpan.FromSeconds(1))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:SpillTakeoverInterval must be at least one second (was '{options.SpillTakeoverInterval}').");
        }

        return ValidateOptionsResult.Success;
    }
}
