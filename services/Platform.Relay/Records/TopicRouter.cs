using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Relay.Records;

/// <summary>
/// Topic routing with the semantics of Kafka Connect's <c>RegexRouter</c>, which Debezium's
/// EventRouter applies to the <c>route.by.field</c> value: when the regex matches the WHOLE value
/// (Java <c>Matcher.matches()</c>), the topic is <c>Matcher.replaceFirst(replacement)</c>;
/// otherwise the value itself is the topic. The replacement uses Java's syntax: <c>$n</c>,
/// <c>${name}</c>, and <c>\</c> escaping the next character. (.NET and Java regex agree on the
/// constructs routing needs: classes, groups, named groups, quantifiers.)
/// </summary>
public sealed class TopicRouter
{
    private readonly Regex _regex;
    private readonly List<(string? Literal, string? Group)> _replacement;
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    /// <summary>Compiles the pair; throws <see cref="ArgumentException"/> for an invalid regex or replacement.</summary>
    public TopicRouter(string regex, string replacement)
    {
        ArgumentException.ThrowIfNullOrEmpty(regex);
        ArgumentNullException.ThrowIfNull(replacement);
        // \A(?:...)\z turns a search into Java's matches(); (?:) keeps group numbers unchanged.
        _regex = new Regex($@"\A(?:{regex})\z", RegexOptions.CultureInvariant);
        _replacement = ParseReplacement(replacement, _regex);
    }

    /// <summary>The topic for an <c>aggregatetype</c> value.</summary>
    public string Route(string value) => _cache.Count < 10_000 ? _cache.GetOrAdd(value, Compute) : Compute(value);

    private string Compute(string value)
    {
        var match = _regex.Match(value);
        if (!match.Success)
        {
            return value;
        }

        var topic = new StringBuilder();
        foreach (var (literal, group) in _replacement)
        {
            // A group that did not participate contributes nothing, as in Java.
            topic.Append(literal ?? (match.Groups[group!].Success ? match.Groups[group!].Value : ""));
        }

        return topic.ToString();
    }

    private static List<(string?, string?)> ParseReplacement(string replacement, Regex regex)
    {
        var parts = new List<(string?, string?)>();
        var literal = new StringBuilder();
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '\\')
            {
                if (++i >= replacement.Length)
                {
                    throw new ArgumentException("The replacement ends with a lone '\\'.", nameof(replacement));
                }

                literal.Append(replacement[i]);
                continue;
            }

            if (c != '$')
            {
                literal.Append(c);
                continue;
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), null));
                literal.Clear();
            }

            parts.Add((null, ReadGroupReference(replacement, ref i, regex)));
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), null));
        }

        return parts;
    }

    private static string ReadGroupReference(string replacement, ref int i, Regex regex)
    {
        if (i + 1 < replacement.Length && replacement[i + 1] == '{')
        {
            var end = replacement.IndexOf('}', i + 2);
            if (end < 0)
            {
                throw new ArgumentException("A '${' in the replacement is not closed.", nameof(replacement));
            }

            var name = replacement[(i + 2)..end];
            if (regex.GroupNumberFromName(name) < 0)
            {
                throw new ArgumentException($"The replacement names group '{name}', which the regex does not define.", nameof(replacement));
            }

            i = end;
            return name;
        }

        if (i + 1 >= replacement.Length || !char.IsAsciiDigit(replacement[i + 1]))
        {
            throw new ArgumentException("A '$' in the replacement must be followed by a group number or {name}; write \\$ for a literal.", nameof(replacement));
        }

        // Java: first digit always; more digits while the number stays a valid group.
        var groups = regex.GetGroupNumbers().Max();
        var number = replacement[++i] - '0';
        if (number > groups)
        {
            throw new ArgumentException($"The replacement refers to group {number}, which the regex does not define.", nameof(replacement));
        }

        while (i + 1 < replacement.Length && char.IsAsciiDigit(replacement[i + 1]) && number * 10 + (replacement[i + 1] - '0') <= groups)
        {
            number = number * 10 + (replacement[++i] - '0');
        }

        return number.ToString(CultureInfo.InvariantCulture);
    }
}
