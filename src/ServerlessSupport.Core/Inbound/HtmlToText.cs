using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Plain text from an HTML body, for mail that has no text part. Scripts, styles and the head are dropped, block
/// elements and &lt;br&gt; become line breaks, links keep their text, whitespace collapses, and blockquotes come out
/// as "&gt; " lines so <see cref="QuotedHistory"/> can strip them. Walks the tree without recursion.
/// </summary>
internal static class HtmlToText
{
    /// <summary>Input beyond this many characters is ignored.</summary>
    public const int MaxInputLength = 2 * 1024 * 1024;

    /// <summary>Deeper markup is not given to the HTML parser.</summary>
    public const int MaxNestingDepth = 1000;

    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "title", "noscript", "template", "iframe", "object", "embed", "svg", "math", "select",
    };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "pre", "blockquote", "hr",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "li", "tr", "dt", "dd", "section", "article", "header", "footer", "address", "form", "fieldset",
        "figure", "figcaption", "main", "nav", "aside", "caption", "center", "details", "summary",
    };

    public static string Convert(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        var source = html.Length > MaxInputLength ? html[..MaxInputLength] : html;
        if (EstimateDepth(source) > MaxNestingDepth)
        {
            // The HTML tree builder is quadratic in nesting depth; hostile nesting gets the plain tag stripper instead.
            return StripTags(source);
        }

        var document = new HtmlParser().ParseDocument(source);
        var root = (INode?)document.Body ?? document.DocumentElement;
        if (root is null)
        {
            return string.Empty;
        }

        var writer = new TextWriter();
        var stack = new Stack<(INode Node, bool Leaving)>();
        stack.Push((root, false));

        while (stack.Count > 0)
        {
            var (node, leaving) = stack.Pop();
            if (node is IElement element)
            {
                var name = element.LocalName;
                if (leaving)
                {
                    Leave(writer, name);
                    continue;
                }

                if (Skipped.Contains(name))
                {
                    continue;
                }

                Enter(writer, name);
                stack.Push((node, true));
                for (var i = node.ChildNodes.Length - 1; i >= 0; i--)
                {
                    stack.Push((node.ChildNodes[i], false));
                }
            }
            else if (node is IText text)
            {
                writer.Text(text.Data);
            }
        }

        return writer.ToString();
    }

    // Counts open minus closed non-void tags; a cheap upper bound of the tree depth.
    private static int EstimateDepth(string html)
    {
        var depth = 0;
        var max = 0;
        var position = 0;
        while ((position = html.IndexOf('<', position)) >= 0)
        {
            position++;
            var closing = position < html.Length && html[position] == '/';
            var nameStart = closing ? position + 1 : position;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                continue;
            }

            var end = html.IndexOf('>', nameEnd);
            if (end < 0)
            {
                break;
            }

            if (closing)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (html[end - 1] != '/' && !VoidElements.Contains(html[nameStart..nameEnd]))
            {
                max = Math.Max(max, ++depth);
            }

            position = end + 1;
        }

        return max;
    }

    // Fallback for hostile markup: drop tags (and script/style content), break lines at block tags, decode entities.
    private static string StripTags(string html)
    {
        var builder = new StringBuilder(Math.Min(html.Length, 64 * 1024));
        var position = 0;
        while (position < html.Length)
        {
            var open = html.IndexOf('<', position);
            if (open < 0)
            {
                builder.Append(html, position, html.Length - position);
                break;
            }

            builder.Append(html, position, open - position);
            var close = html.IndexOf('>', open + 1);
            if (close < 0)
            {
                break;
            }

            var tag = html.AsSpan(open + 1, close - open - 1).TrimStart('/');
            var nameLength = 0;
            while (nameLength < tag.Length && char.IsAsciiLetterOrDigit(tag[nameLength]))
            {
                nameLength++;
            }

            var name = tag[..nameLength].ToString();
            position = close + 1;
            if (html[open + 1] != '/' && name.ToLowerInvariant() is "script" or "style" or "head" or "title")
            {
                var endTag = html.IndexOf("</" + name, position, StringComparison.OrdinalIgnoreCase);
                position = endTag < 0 ? html.Length : endTag;
            }
            else if (name.Equals("br", StringComparison.OrdinalIgnoreCase) || Paragraphs.Contains(name) || Blocks.Contains(name))
            {
                builder.Append('\n');
            }
        }

        var text = System.Net.WebUtility.HtmlDecode(builder.ToString());
        var lines = text.Split('\n').Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        return string.Join('\n', lines.Where(l => l.Length > 0));
    }

    private static void Enter(TextWriter writer, string name)
    {
        switch (name)
        {
            case "br":
                writer.LineBreak();
                return;
            case "blockquote":
                writer.Paragraph();
                writer.QuoteDepth++;
                return;
            case "pre":
                writer.Paragraph();
                writer.PreDepth++;
                return;
            case "li":
                writer.Line();
                writer.Text("- ");
                return;
            case "td" or "th":
                writer.Text(" ");
                return;
        }

        if (Paragraphs.Contains(name))
        {
            writer.Paragraph();
        }
        else if (Blocks.Contains(name))
        {
            writer.Line();
        }
    }

    private static void Leave(TextWriter writer, string name)
    {
        switch (name)
        {
            case "blockquote":
                writer.Paragraph();
                writer.QuoteDepth--;
                return;
            case "pre":
                writer.PreDepth--;
                writer.Paragraph();
                return;
        }

        if (Paragraphs.Contains(name))
        {
            writer.Paragraph();
        }
        else if (Blocks.Contains(name))
        {
            writer.Line();
        }
    }

    /// <summary>Accumulates lines, collapsing whitespace outside &lt;pre&gt; and prefixing quoted lines.</summary>
    private sealed class TextWriter
    {
        private readonly List<string> _lines = [];
        private readonly StringBuilder _line = new();
        private int _lineQuoteDepth;
        private bool _pendingSpace;

        public int QuoteDepth { get; set; }

        public int PreDepth { get; set; }

        public void Text(string text)
        {
            if (PreDepth > 0)
            {
                var first = true;
                foreach (var part in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
                {
                    if (!first)
                    {
                        LineBreak();
                    }

                    StartLineIfNeeded();
                    _line.Append(part.Replace('\u00A0', ' '));
                    first = false;
                }

                return;
            }

            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    _pendingSpace = _line.Length > 0;
                    continue;
                }

                StartLineIfNeeded();
                if (_pendingSpace)
                {
                    _line.Append(' ');
                    _pendingSpace = false;
                }

                _line.Append(c);
            }
        }

        /// <summary>&lt;br&gt;: always ends the line, even an empty one.</summary>
        public void LineBreak()
        {
            StartLineIfNeeded();
            Flush();
        }

        /// <summary>Ends the current line if it has text.</summary>
        public void Line()
        {
            if (_line.Length > 0)
            {
                Flush();
            }
        }

        /// <summary>Ends the current line and leaves one blank line.</summary>
        public void Paragraph()
        {
            Line();
            if (_lines.Count > 0 && _lines[^1].Trim('>', ' ').Length > 0)
            {
                _lines.Add(QuoteDepth > 0 ? new string('>', QuoteDepth) : string.Empty);
            }
        }

        public override string ToString()
        {
            Line();
            var builder = new StringBuilder();
            var blank = 0;
            foreach (var line in _lines)
            {
                if (line.Trim('>', ' ').Length == 0 && !line.StartsWith('>'))
                {
                    if (builder.Length > 0 && blank++ == 0)
                    {
                        builder.Append('\n');
                    }

                    continue;
                }

                blank = 0;
                builder.Append(line).Append('\n');
            }

            return builder.ToString().Trim();
        }

        private void StartLineIfNeeded()
        {
            if (_line.Length == 0)
            {
                _lineQuoteDepth = QuoteDepth;
                _pendingSpace = false;
            }
        }

        private void Flush()
        {
            var text = _line.ToString().TrimEnd();
            var prefix = _lineQuoteDepth > 0 ? new string('>', _lineQuoteDepth) + " " : string.Empty;
            _lines.Add(prefix + text);
            _line.Clear();
            _pendingSpace = false;
        }
    }
}
