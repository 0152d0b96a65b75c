using System.Text;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Parses RFC 5322 address lists (From, To, Cc, Reply-To): display names (quoted, encoded or plain), angle addresses,
/// groups (<c>undisclosed-recipients:;</c>), comments, and the legacy <c>addr (Name)</c> form. Invalid entries are skipped;
/// it never throws.
/// </summary>
internal static class MailAddressParser
{
    /// <summary>At most this many mailboxes are returned.</summary>
    public const int MaxAddresses = 500;

    private const int MaxInputLength = 64 * 1024;

    public static IReadOnlyList<EmailAddress> ParseList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var tokens = Tokenize(value.Length > MaxInputLength ? value[..MaxInputLength] : value);
        var result = new List<EmailAddress>();
        var current = new List<Token>();

        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.Comma or TokenKind.Semicolon:
                    AddMailbox(current, result);
                    current.Clear();
                    break;
                case TokenKind.Colon:
                    // "group name:" — the phrase so far names the group, not a mailbox.
                    current.Clear();
                    break;
                default:
                    current.Add(token);
                    break;
            }

            if (result.Count >= MaxAddresses)
            {
                return result;
            }
        }

        AddMailbox(current, result);
        return result;
    }

    private static void AddMailbox(List<Token> tokens, List<EmailAddress> result)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        var angleIndex = tokens.FindLastIndex(t => t.Kind == TokenKind.Angle);
        string address;
        string? displayName;

        if (angleIndex >= 0)
        {
            address = CleanAngle(tokens[angleIndex].Text);
            displayName = Phrase(tokens.Take(angleIndex));
            if (displayName is null)
            {
                displayName = LastComment(tokens);
            }
        }
        else
        {
            (address, displayName) = BareMailbox(tokens);
        }

        if (EmailAddress.TryCreate(address, displayName, out var mailbox) && !result.Contains(mailbox))
        {
            result.Add(mailbox);
        }
    }

    private static (string Address, string? DisplayName) BareMailbox(List<Token> tokens)
    {
        var words = tokens.Where(t => t.Kind is TokenKind.Atom or TokenKind.Quoted).ToList();
        var comment = LastComment(tokens);

        // "jane @ x.com" or "jane@x.com": glue the words when the '@' stands apart; otherwise take the word holding it.
        if (words.Exists(w => w.Kind == TokenKind.Atom && (w.Text == "@" || w.Text.StartsWith('@') || w.Text.EndsWith('@'))))
        {
            return (string.Concat(words.Select(RawWord)), comment);
        }

        // The address comes last ("Jane Doe jane@x.com"); words after it mean this is not a mailbox.
        var addressIndex = words.FindLastIndex(w => w.Text.Contains('@', StringComparison.Ordinal));
        if (addressIndex < 0 || addressIndex != words.Count - 1)
        {
            return (string.Empty, null);
        }

        var name = addressIndex > 0 ? Phrase(words.Take(addressIndex)) : null;
        return (RawWord(words[addressIndex]), name ?? comment);
    }

    private static string RawWord(Token token) => token.Kind == TokenKind.Quoted ? "\"" + token.Text + "\"" : token.Text;

    private static string? Phrase(IEnumerable<Token> tokens)
    {
        var builder = new StringBuilder();
        foreach (var token in tokens)
        {
            if (token.Kind is not (TokenKind.Atom or TokenKind.Quoted))
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(token.Text);
        }

        // Encoded words are decoded in quoted strings too: not allowed by RFC 2047, but common and harmless.
        var text = EncodedWords.Decode(builder.ToString()).Trim();
        return text.Length == 0 ? null : text;
    }

    private static string? LastComment(List<Token> tokens)
    {
        var comment = tokens.LastOrDefault(t => t.Kind == TokenKind.Comment);
        if (comment.Text is null)
        {
            return null;
        }

        var text = EncodedWords.Decode(comment.Text).Trim();
        return text.Length == 0 ? null : text;
    }

    private static string CleanAngle(string text)
    {
        var address = new string([.. text.Where(c => !char.IsWhiteSpace(c))]);

        // Obsolete source route "<@relay1,@relay2:jane@x.com>".
        if (address.StartsWith('@'))
        {
            var colon = address.IndexOf(':', StringComparison.Ordinal);
            address = colon >= 0 ? address[(colon + 1)..] : address;
        }

        if (address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            address = address["mailto:".Length..];
        }

        return address;
    }

    private static List<Token> Tokenize(string value)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                tokens.Add(new Token(TokenKind.Quoted, ReadQuoted(value, ref i)));
            }
            else if (c == '(')
            {
                tokens.Add(new Token(TokenKind.Comment, ReadComment(value, ref i)));
            }
            else if (c == '<')
            {
                tokens.Add(new Token(TokenKind.Angle, ReadAngle(value, ref i)));
            }
            else if (c is ',' or ':' or ';')
            {
                tokens.Add(new Token(c switch { ',' => TokenKind.Comma, ':' => TokenKind.Colon, _ => TokenKind.Semicolon }, c.ToString()));
                i++;
            }
            else if (c is '>' or ')')
            {
                i++; // stray closer
            }
            else
            {
                tokens.Add(new Token(TokenKind.Atom, ReadAtom(value, ref i)));
            }
        }

        return tokens;
    }

    private static string ReadQuoted(string value, ref int i)
    {
        var builder = new StringBuilder();
        i++;
        while (i < value.Length && value[i] != '"')
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            if (value[i] is not ('\r' or '\n'))
            {
                builder.Append(value[i]);
            }

            i++;
        }

        i++;
        return builder.ToString();
    }

    private static string ReadComment(string value, ref int i)
    {
        var builder = new StringBuilder();
        var depth = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                builder.Append(value[i + 1]);
                i += 2;
                continue;
            }

            i++;
            if (c == '(')
            {
                if (depth++ > 0)
                {
                    builder.Append(c);
                }
            }
            else if (c == ')')
            {
                if (--depth == 0)
                {
                    break;
                }

                builder.Append(c);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string ReadAngle(string value, ref int i)
    {
        var builder = new StringBuilder();
        i++;
        while (i < value.Length && value[i] != '>')
        {
            if (value[i] == '(')
            {
                ReadComment(value, ref i);
                continue;
            }

            if (value[i] == '"')
            {
                builder.Append('"').Append(ReadQuoted(value, ref i)).Append('"');
                continue;
            }

            builder.Append(value[i]);
            i++;
        }

        i++;
        return builder.ToString();
    }

    private static string ReadAtom(string value, ref int i)
    {
        var start = i;
        while (i < value.Length)
        {
            var c = value[i];
            if (c == '[')
            {
                // Domain literal: read through the closing bracket so its colons do not start a group.
                var close = value.IndexOf(']', i);
                i = close < 0 ? value.Length : close + 1;
                continue;
            }

            if (char.IsWhiteSpace(c) || c is '"' or '(' or ')' or '<' or '>' or ',' or ':' or ';')
            {
                break;
            }

            i++;
        }

        return value[start..i];
    }

    private enum TokenKind
    {
        Atom,
        Quoted,
        Comment,
        Angle,
        Comma,
        Colon,
        Semicolon,
    }

    private readonly record struct Token(TokenKind Kind, string Text);
}
