using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoryBot.Core;
using StoryBot.Core.Conversation;
using StoryBot.Core.Knowledge;
using StoryBot.Core.Retrieval;
using StoryBot.Core.Retrieval.Semantic;

namespace StoryBot.Benchmarks.Support;

/// <summary>
/// The real <see cref="IChatBot"/> as <c>AddStoryCore</c> wires it, serving a pack that is already
/// loaded, so a measurement can time loading, indexing and answering separately.
/// </summary>
internal sealed class ChatBotHarness : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="mode">How questions are matched: <c>Hybrid</c> (the default) or <c>Lexical</c>.</param>
    /// <param name="replyCacheSize">Replies kept for questions asked again; null for the bot's default.</param>
    public ChatBotHarness(KnowledgePack pack, string mode = "Hybrid", int? replyCacheSize = null)
    {
        var settings = new Dictionary<string, string?> { ["Knowledge:Reload"] = "false", ["Answering:Mode"] = mode };
        if (replyCacheSize is { } size)
        {
            settings["Answering:ReplyCacheSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IKnowledgeProvider>(new LoadedPack(pack));
        services.AddStoryCore(configuration);
        _services = services.BuildServiceProvider();
        ChatBot = _services.GetRequiredService<IChatBot>();
    }

    public IChatBot ChatBot { get; }

    /// <summary>Everything <c>AddStoryCore</c> wired, such as the conversation pipeline around the chat bot.</summary>
    public IServiceProvider Services => _services;

    /// <summary>Builds the pack's search index now rather than on the first question.</summary>
    public PassageIndex BuildIndex() => _services.GetRequiredService<PassageIndexCache>().Current;

    /// <summary>
    /// In hybrid mode, loads the model and the pack's sentence vectors (from the vector cache in
    /// data/vectors below the current folder when a run before wrote them) now.
    /// </summary>
    public void LoadVectors() => _services.GetRequiredService<ISemanticStage>().Similarities(BuildIndex(), "warm up");

    public static ChatRequest Question(string text) => new("console", "benchmark", "reader", text);

    public void Dispose() => _services.Dispose();

    private sealed class LoadedPack(KnowledgePack pack) : IKnowledgeProvider
    {
        public KnowledgePack Current => pack;
    }
}
