using YamlDotNet.Core;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>A value with the position it was read from.</summary>
internal readonly record struct Located<T>(T Value, Mark At);
