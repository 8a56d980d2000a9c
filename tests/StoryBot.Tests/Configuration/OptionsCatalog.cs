using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using StoryBot.Hosting;

namespace StoryBot.Tests.Configuration;

/// <summary>
/// One key an options class reads, as the configuration reference lists it. A group is a list of
/// items with keys of their own (<c>Summaries:Schedules</c>), set only through those keys.
/// </summary>
internal sealed record OptionKey(string Key, string Type, string Default, string Validation, string Description, bool IsGroup = false)
{
    public string EnvironmentVariable =>
        Key.Replace(":", "__", StringComparison.Ordinal) + (IsGroup ? "__" + OptionsCatalog.AnyIndex + "__…" : string.Empty);
}

/// <summary>A configuration section and the options classes bound to it.</summary>
internal sealed record OptionsSection(string Name, IReadOnlyList<(Type Class, string File, string Description)> Classes, IReadOnlyList<OptionKey> Keys);

/// <summary>
/// Every options class of the bot, found the way the code declares them: a class with a
/// <c>Section</c> constant, in the host's assembly or one of the StoryBot assemblies it references.
/// Keys, types and defaults come from the classes themselves, validation ranges from their data
/// annotations, descriptions from their summary comments.
/// </summary>
internal static class OptionsCatalog
{
    /// <summary>Index that stands for any list position in a key (<c>Summaries:Schedules:0:Name</c>).</summary>
    public const string AnyIndex = "0";

    /// <summary>Name that stands for any key of a map (<c>Stories:Channels:*</c>: a channel id).</summary>
    public const string AnyName = "*";

    public static IReadOnlyList<Type> OptionsClasses() =>
        [.. StoryBotAssemblies()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && SectionOf(t) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static string? SectionOf(Type type) =>
        type.GetField("Section", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static) is { IsLiteral: true } field
            && field.GetRawConstantValue() is string section
            ? section
            : null;

    public static IReadOnlyList<OptionsSection> Sections(SourceDocComments docs) =>
        [.. OptionsClasses()
            .GroupBy(t => SectionOf(t)!, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OptionsSection(
                g.Key,
                [.. g.Select(t => (t, docs.Of(t).File, SourceDocComments.Markdown(docs.Of(t).Summary, KeyOf(t, g.Key))))],
                [.. g.SelectMany(t => KeysOf(t, g.Key, docs))]))];

    /// <summary>Whether <paramref name="key"/> (any case, any list index) is one an options class reads.</summary>
    public static bool Reads(IEnumerable<OptionsSection> sections, string key)
    {
        var normalized = string.Join(':', key.Split(':').Select(part => part.All(char.IsAsciiDigit) ? AnyIndex : part));
        return sections.SelectMany(s => s.Keys).Any(k => !k.IsGroup && (k.Key.Equals(normalized, StringComparison.OrdinalIgnoreCase) || InMap(k.Key, key)));
    }

    /// <summary>Whether <paramref name="key"/> is an entry of the map <paramref name="mapKey"/> (<c>Stories:Channels:*</c>).</summary>
    private static bool InMap(string mapKey, string key) =>
        mapKey.EndsWith(":" + AnyName, StringComparison.Ordinal)
        && key.StartsWith(mapKey[..^AnyName.Length], StringComparison.OrdinalIgnoreCase)
        && !key[(mapKey.Length - AnyName.Length)..].Contains(':', StringComparison.Ordinal);

    private static IEnumerable<OptionKey> KeysOf(Type type, string prefix, SourceDocComments docs)
    {
        var defaults = Activator.CreateInstance(type, nonPublic: true);
        foreach (var property in BoundProperties(type))
        {
            var key = prefix + ":" + (property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name);
            var description = SourceDocComments.Markdown(docs.Of(type, property.Name), KeyOf(type, prefix));
            var value = defaults is null ? null : property.GetValue(defaults);
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;

            if (MapValueOf(propertyType) is { } mapped && IsScalar(mapped))
            {
                yield return new OptionKey(key + ":" + AnyName, "map of " + TypeName(mapped), DefaultOf(value), Validation(property, mapped), description);
            }
            else if (ElementOf(propertyType) is { } element)
            {
                if (IsScalar(element))
                {
                    yield return new OptionKey(key + ":" + AnyIndex, "list of " + TypeName(element), DefaultOf(value), Validation(property, element), description);
                }
                else
                {
                    yield return new OptionKey(key, "list of " + element.Name, DefaultOf(value), Validation(property, element), description, IsGroup: true);
                    foreach (var nested in KeysOf(element, key + ":" + AnyIndex, docs))
                    {
                        yield return nested;
                    }
                }
            }
            else if (IsScalar(propertyType))
            {
                yield return new OptionKey(key, TypeName(propertyType), DefaultOf(value), Validation(property, propertyType), description);
            }
            else
            {
                foreach (var nested in KeysOf(propertyType, key, docs))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>A reference to a sibling property, in a comment, as that property's key.</summary>
    private static Func<string, string> KeyOf(Type type, string prefix) =>
        name => BoundProperties(type).Any(p => p.Name == name) ? prefix + ":" + name : name;

    /// <summary>What the configuration binder fills: public properties it can set, and collections it can add to.</summary>
    private static IEnumerable<PropertyInfo> BoundProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true })
            .Where(p => p.SetMethod is { IsPublic: true } || ElementOf(p.PropertyType) is not null)
            .OrderBy(p => p.MetadataToken);

    /// <summary>The value type of a map with string keys, which the binder fills from the keys under it.</summary>
    private static Type? MapValueOf(Type type)
    {
        var map = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return map?.GetGenericArguments() is [var key, var value] && key == typeof(string) ? value : null;
    }

    private static Type? ElementOf(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);
    }

    private static string TypeName(Type type) => type switch
    {
        _ when type == typeof(string) => "string",
        _ when type == typeof(bool) => "bool",
        _ when type == typeof(int) => "int",
        _ when type == typeof(long) => "long",
        _ when type == typeof(double) => "double",
        _ when type == typeof(Uri) => "URL",
        { IsEnum: true } => "enum",
        _ => type.Name,
    };

    private static string DefaultOf(object? value) => value switch
    {
        null => "(none)",
        "" => "(empty)",
        string text => text,
        bool flag => flag ? "true" : "false",
        TimeSpan span => Span(span),
        IEnumerable items when !items.Cast<object?>().Any() => "(empty)",
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(DefaultOf)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "(none)",
    };

    /// <summary>As appsettings.json writes it: <c>00:00:30</c>, <c>30.00:00:00</c>, <c>00:00:00.3</c>.</summary>
    private static string Span(TimeSpan span)
    {
        var text = span.ToString("c", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) && text.LastIndexOf('.') > text.LastIndexOf(':') ? text.TrimEnd('0') : text;
    }

    private static string Validation(PropertyInfo property, Type type)
    {
        var rules = new List<string>();
        foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
        {
            rules.Add(attribute switch
            {
                RequiredAttribute => "required",
                RangeAttribute range => $"{Bound(range.Minimum)} – {Bound(range.Maximum)}",
                MaxLengthAttribute max => $"at most {max.Length} {(property.PropertyType == typeof(string) ? "characters" : "items")}",
                MinLengthAttribute min => $"at least {min.Length} {(property.PropertyType == typeof(string) ? "characters" : "items")}",
                StringLengthAttribute length => $"{length.MinimumLength} – {length.MaximumLength} characters",
                AllowedValuesAttribute allowed => "one of " + string.Join(", ", allowed.Values.Select(v => $"`{v}`")),
                RegularExpressionAttribute pattern => $"matches `{pattern.Pattern}`",
                _ => attribute.GetType().Name.Replace("Attribute", string.Empty, StringComparison.Ordinal),
            });
        }

        if ((Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType)
        {
            rules.Add("one of " + string.Join(", ", Enum.GetNames(enumType).Select(n => $"`{n}`")));
        }

        return string.Join("; ", rules);
    }

    private static string Bound(object value) => value switch
    {
        TimeSpan span => Span(span),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static IEnumerable<Assembly> StoryBotAssemblies()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([typeof(StoryBotApp).Assembly]);
        while (pending.TryDequeue(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name?.StartsWith("StoryBot", StringComparison.Ordinal) == true))
            {
                pending.Enqueue(Assembly.Load(reference));
            }
        }

        return found.Values;
    }
}
