using System.Runtime.InteropServices;

namespace StoryBot.Core.Retrieval.Semantic;

/// <summary>
/// Sentence vectors on disk: a small header (magic, count, dimensions) and the floats. A file
/// that does not match what is expected is ignored, never trusted: the vectors are computed again.
/// </summary>
internal static class VectorFile
{
    private const int Magic = 0x31564253; // "SBV1"

    public static float[][]? TryRead(string path, int count)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream);
            if (stream.Length < 12 || reader.ReadInt32() != Magic || reader.ReadInt32() != count)
            {
                return null;
            }

            var dimensions = reader.ReadInt32();
            if (dimensions <= 0 || stream.Length != 12 + ((long)count * dimensions * sizeof(float)))
            {
                return null;
            }

            var vectors = new float[count][];
            for (var i = 0; i < count; i++)
            {
                vectors[i] = new float[dimensions];
                stream.ReadExactly(MemoryMarshal.AsBytes(vectors[i].AsSpan()));
            }

            return vectors;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or EndOfStreamException)
        {
            return null;
        }
    }

    /// <summary>Writes beside the target and moves it into place, so a reader never sees half a file.</summary>
    public static void Write(string path, float[][] vectors)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Magic);
            writer.Write(vectors.Length);
            writer.Write(vectors.Length == 0 ? 0 : vectors[0].Length);
            foreach (var vector in vectors)
            {
                stream.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}
