using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace StoryBot.Hosting.Health;

/// <summary>Every health address must be one Kestrel can listen on over plain HTTP.</summary>
internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Addresses().Count == 0)
        {
            return ValidateOptionsResult.Fail("Health:Urls is empty; set the address the health listener listens on, e.g. http://127.0.0.1:8081");
        }

        var problems = options.Addresses().Where(url => !IsPlainHttpAddress(url))
            .Select(url => $"Health:Urls: '{url}' is not an http:// address to listen on, e.g. http://127.0.0.1:8081 (or http://0.0.0.0:8081 for probes from outside)")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    // No https: the listener has no certificate of its own; probes stay on loopback or a private network.
    private static bool IsPlainHttpAddress(string url)
    {
        try
        {
            var address = BindingAddress.Parse(url);
            return address.Scheme == "http" && address.Host.Length > 0 && address.PathBase.Length == 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
