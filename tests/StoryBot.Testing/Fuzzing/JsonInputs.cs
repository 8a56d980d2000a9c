using System.Globalization;
using System.Text;
using CsCheck;

namespace StoryBot.Testing.Fuzzing;

/// <summary>
/// JSON text for fuzzing a parser: payloads shaped like the real ones whose values are sometimes of
/// the wrong type, hostile or absurd (huge numbers, escaped lone surrogates, deep nesting), and bytes
/// that stop being UTF-8 or JSON part way.
/// </summary>
public static class JsonInputs
{
    /// <summary>Numbers no field expects: past every integer and floating-point range, negative zero, exponents.</summary>
    private static readonly string[] OddNumbers =
    [
        "1e400", "-1e400", "4.2e-400", "-0", "0.5", "1E+2", "18446744073709551616", "-9223372036854775809",
        "123456789012345678901234567890", "2147483648", "-2147483649", "9007199254740993",
    ];

    /// <summary>Texts that have broken parsers and renderers elsewhere.</summary>
    public static readonly string[] HostileTexts =
    [
        "", " ", "\ud800", "\udc00x", "x\ud83d", "😀", "👩🏽‍💻", "a\u0000b", "\u202Eevil", "\r\n", "\\", "\"", "@everyone", "@here",
        "<@&123>", "<@123>", "<!channel>", "<#C1>", "<https://x.example|y>", "[x](https://x.example)", "*bold* _it_ ~s~ `c`",
        "&amp;&lt;&gt;&", "# heading", "> quote", "||spoiler||", "a" + new string('\u0301', 300), new string('x', 5000),
    ];

    public static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.String[0, 40]),
        (2, Gen.OneOf(HostileTexts)),
        (1, Gen.Char.Array[0, 300].Select(chars => new string(chars))));

    public static readonly Gen<string> StringValue = Text.Select(Quote);

    public static readonly Gen<string> NumberValue = Gen.Frequency(
        (2, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (2, Gen.OneOf(OddNumbers)));

    public static readonly Gen<string> Scalar = Gen.Frequency(
        (3, StringValue), (3, NumberValue), (1, Gen.OneOf("true", "false", "null")));

    /// <summary>Nesting from a little under to far over what any platform sends.</summary>
    public static readonly Gen<string> Deep = Gen.Select(Gen.Int[20, 300], Gen.Bool, (depth, arrays) => arrays
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));

    /// <summary>Any JSON value: mostly scalars, some small arrays and objects, now and then a deep one.</summary>
    public static readonly Gen<string> Any = Value(3);

    /// <summary><paramref name="expected"/> most of the time, otherwise any value of any type.</summary>
    public static Gen<string> Mostly(Gen<string> expected) => Gen.Frequency((4, expected), (1, Any));

    /// <summary>A JSON string, one of <paramref name="samples"/> most of the time.</summary>
    public static Gen<string> StringOf(params string[] samples) =>
        Gen.Frequency((3, Gen.OneOf(samples).Select(Quote)), (1, StringValue));

    /// <summary>A JSON number, one of <paramref name="samples"/> most of the time.</summary>
    public static Gen<string> NumberOf(params int[] samples) =>
        Gen.Frequency((3, Gen.OneOf(samples).Select(n => n.ToString(CultureInfo.InvariantCulture))), (1, NumberValue));

    /// <summary>An object with these fields, each sometimes left out or given a value of another type.</summary>
    public static Gen<string> ObjectOf(params (string Name, Gen<string> Value)[] fields) =>
        Gen.Select(fields.Select(field => Field(field.Name, Mostly(field.Value))).ToArray().Aggregate(
                Gen.Const(ImmutableEmpty),
                (all, next) => Gen.Select(all, next, (list, item) => item.Length == 0 ? list : [.. list, item])),
            Gen.Bool,
            (members, withExtra) => "{" + string.Join(",", withExtra ? [.. members, "\"unexpected\":[1,{}]"] : members) + "}");

    /// <summary>An array of <paramref name="item"/>.</summary>
    public static Gen<string> ArrayOf(Gen<string> item) => item.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]");

    /// <summary>The document's UTF-8 bytes, sometimes with bytes that are not UTF-8, cut short, or replaced by noise.</summary>
    public static Gen<byte[]> Bytes(Gen<string> document) => Gen.Frequency(
        (6, document.Select(Encoding.UTF8.GetBytes)),
        (2, Gen.Select(document, Gen.OneOf<byte[]>([0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x00]), Gen.Double[0, 1], Insert)),
        (1, Gen.Select(document, Gen.Double[0, 1], (text, at) => Encoding.UTF8.GetBytes(text)[..(int)(Encoding.UTF8.GetByteCount(text) * at)])),
        (1, Gen.Byte.Array[0, 64]));

    /// <summary>A JSON string literal; surrogates are written as escapes, so a lone one stays lone.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                _ when c < ' ' || char.IsSurrogate(c) => quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }

    private static readonly string[] ImmutableEmpty = [];

    private static Gen<string> Field(string name, Gen<string> value) =>
        Gen.Frequency((5, value.Select(v => Quote(name) + ":" + v)), (1, Gen.Const(string.Empty)));

    private static Gen<string> Value(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (6, Scalar),
            (1, ArrayOf(Value(depth - 1))),
            (1, Gen.Select(Gen.OneOf("id", "type", "name", "text", "user", "data"), Value(depth - 1))
                .Select((name, value) => Quote(name) + ":" + value).Array[0, 3]
                .Select(members => "{" + string.Join(",", members) + "}")),
            (1, Deep));

    private static byte[] Insert(string text, byte[] bad, double at)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var index = (int)(bytes.Length * at);
        return [.. bytes[..index], .. bad, .. bytes[index..]];
    }
}
