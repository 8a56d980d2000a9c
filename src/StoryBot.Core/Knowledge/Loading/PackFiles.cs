using System.Security.Cryptography;
using System.Text;

namespace StoryBot.Core.Knowledge.Loading;

/// <summary>
/// Reads the files of one pack folder. Every file read is remembered so the version digest is
/// computed over exactly the bytes that were validated, even if the folder changes meanwhile.
/// </summary>
internal sealed class PackFiles
{
    private readonly string _root;
    private readonly string _displayRoot;
    private readonly SortedDictionary<string, PackFile> _read = new(StringComparer.Ordinal);

    public PackFiles(string root)
    {
        _root = Path.GetFullPath(root);
        _displayRoot = Path.GetFileName(Path.TrimEndingDirectorySeparator(_root));
    }

    public string Root => _root;

    /// <summary>The folder's name, which is the story's id.</summary>
    public string Name => _displayRoot;

    public string Display(string relativePath) => $"{_displayRoot}/{relativePath}";

    public bool Exists(string relativePath) => File.Exists(Full(relativePath));

    /// <summary>Relative paths of the files directly inside <paramref name="folder"/> ("" for the root), sorted.</summary>
    public IReadOnlyList<string> List(string folder, string extension, PackErrors errors)
    {
        var full = folder.Length == 0 ? _root : Full(folder);
        try
        {
            return [.. Directory.EnumerateFiles(full, "*" + extension)
                .Select(path => Path.GetRelativePath(_root, path).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(Display(folder + "/"), $"folder cannot be listed: {e.Message}");
            return [];
        }
    }

    /// <summary>Reads a file; a missing or unreadable file is reported and gives null.</summary>
    public PackFile? Read(string relativePath, PackErrors errors)
    {
        if (_read.TryGetValue(relativePath, out var known))
        {
            return known;
        }

        try
        {
            var file = new PackFile(relativePath, Display(relativePath), File.ReadAllBytes(Full(relativePath)));
            _read.Add(relativePath, file);
            return file;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            errors.Add(Display(relativePath), "file is missing");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(Display(relativePath), $"file cannot be read: {e.Message}");
        }

        return null;
    }

    /// <summary>SHA-256 over the path and bytes of every file read, in ordinal path order.</summary>
    public string Version()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var file in _read.Values)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file.RelativePath));
            BitConverter.TryWriteBytes(length, (long)file.Bytes.Length);
            hash.AppendData(length);
            hash.AppendData(file.Bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private string Full(string relativePath) => Path.Combine(_root, relativePath);
}
