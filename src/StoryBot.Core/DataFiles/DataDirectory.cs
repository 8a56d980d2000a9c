using Microsoft.Extensions.Options;

namespace StoryBot.Core.DataFiles;

/// <summary>
/// The folder the bot's files live in, and the one rule for every setting that names a file or
/// folder of the bot's: a relative path is taken under <see cref="FullPath"/>, an absolute one as given.
/// </summary>
public sealed class DataDirectory
{
    private readonly string _workingDirectory;

    public DataDirectory(IOptions<DataDirectoryOptions> options)
        : this(options?.Value.DataDirectory ?? throw new ArgumentNullException(nameof(options)), Directory.GetCurrentDirectory())
    {
    }

    public DataDirectory(string configured, string workingDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configured);
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        _workingDirectory = Path.GetFullPath(workingDirectory);
        FullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(configured, _workingDirectory));
    }

    /// <summary>The data directory as an absolute path.</summary>
    public string FullPath { get; }

    /// <summary>
    /// Where <paramref name="path"/>, as written in a setting, points. Blank stays blank: such
    /// settings use it to turn a file off.
    /// </summary>
    public string Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || Path.IsPathRooted(path))
        {
            return path;
        }

        // These settings were once read from the working directory and named the data folder
        // themselves ("data/vectors"); such a value still means the place it always did.
        var fromWorkingDirectory = Path.GetFullPath(path, _workingDirectory);
        return IsInside(fromWorkingDirectory) ? fromWorkingDirectory : Path.GetFullPath(path, FullPath);
    }

    private bool IsInside(string path) =>
        path.Equals(FullPath, StringComparison.Ordinal)
        || path.StartsWith(FullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
