using System.Text;
using NSec.Cryptography;

namespace StoryBot.Testing.Discord;

/// <summary>A real Ed25519 key pair, signing requests the way Discord signs interactions.</summary>
public sealed class Ed25519Signer : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public string PublicKeyHex => Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    public string Sign(string timestamp, string body) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(timestamp + body)));

    public void Dispose() => _key.Dispose();
}
