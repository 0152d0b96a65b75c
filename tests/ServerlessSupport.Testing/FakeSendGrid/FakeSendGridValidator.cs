using System.Text.Json.Nodes;
using static ServerlessSupport.Testing.FakeSendGrid.FakeSendGridRequest;

namespace ServerlessSupport.Testing.FakeSendGrid;

/// <summary>
/// Checks a mail-send body the way SendGrid does for the fields this project uses, with SendGrid's messages and fields.
/// One deliberate addition: no line break or control character in anything that becomes a header (subject, names,
/// header values), so a header-injection bug anywhere upstream fails loudly here.
/// </summary>
public static class FakeSendGridValidator
{
    /// <summary>Header names SendGrid refuses in <c>headers</c> (compared case-insensitively).</summary>
    public static readonly IReadOnlySet<string> ReservedHeaders = new HashSet<string>(
        ["x-sg-id", "x-sg-eid", "received", "dkim-signature", "content-type", "content-transfer-encoding", "to", "from", "subject", "reply-to", "cc", "bcc"],
        StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<FakeSendGridError> Validate(JsonNode? body)
    {
        var errors = new List<FakeSendGridError>();
        if (body is not JsonObject)
        {
            errors.Add(new FakeSendGridError("Bad Request"));
            return errors;
        }

        ValidateFrom(body, errors);
        ValidatePersonalizations(body, errors);
        ValidateReplyTo(body, errors);
        ValidateSubject(body, errors);
        ValidateContent(body, errors);
        ValidateHeaders(body, errors);
        ValidateCustomArgs(body, errors);
        return errors;
    }

    private static void ValidateFrom(JsonNode body, List<FakeSendGridError> errors)
    {
        if (At(body, "from") is not JsonObject from)
        {
            Add(errors, "from", "The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.");
            return;
        }

        if (!IsValidAddress(Text(At(from, "email"))))
        {
            Add(errors, "from.email", "The from email does not contain a valid address.");
        }

        CheckName(from, "from.name", errors);
    }

    private static void ValidatePersonalizations(JsonNode body, List<FakeSendGridError> errors)
    {
        if (At(body, "personalizations") is not JsonArray { Count: > 0 } personalizations)
        {
            Add(errors, "personalizations", "The personalizations field is required and must have at least one personalization.");
            return;
        }

        for (var i = 0; i < personalizations.Count; i++)
        {
            if (At(personalizations[i], "to") is not JsonArray { Count: > 0 } to)
            {
                Add(errors, $"personalizations.{i}.to", "The to array is required for all personalization objects, and must have at least one email object with a valid email address.");
                continue;
            }

            for (var j = 0; j < to.Count; j++)
            {
                if (!IsValidAddress(Text(At(to[j], "email"))))
                {
                    Add(errors, $"personalizations.{i}.to.{j}.email", "Does not contain a valid address.");
                }

                if (to[j] is JsonObject recipient)
                {
                    CheckName(recipient, $"personalizations.{i}.to.{j}.name", errors);
                }
            }

            var cc = At(personalizations[i], "cc") as JsonArray ?? [];
            for (var j = 0; j < cc.Count; j++)
            {
                if (!IsValidAddress(Text(At(cc[j], "email"))))
                {
                    Add(errors, $"personalizations.{i}.cc.{j}.email", "Does not contain a valid address.");
                }
            }

            var addresses = to.Concat(cc).Select(r => Text(At(r, "email"))?.ToUpperInvariant()).OfType<string>().ToList();
            if (addresses.Count != addresses.Distinct(StringComparer.Ordinal).Count())
            {
                Add(errors, $"personalizations.{i}", "Each email address in the personalization block should be unique between to, cc, and bcc. We found the first duplicate instance of [an address] in the personalizations.0.cc field.");
            }
        }
    }

    private static void ValidateReplyTo(JsonNode body, List<FakeSendGridError> errors)
    {
        if (At(body, "reply_to") is not { } replyTo)
        {
            return;
        }

        if (!IsValidAddress(Text(At(replyTo, "email"))))
        {
            Add(errors, "reply_to.email", "The reply_to email does not contain a valid address.");
        }

        if (replyTo is JsonObject obj)
        {
            CheckName(obj, "reply_to.name", errors);
        }
    }

    private static void ValidateSubject(JsonNode body, List<FakeSendGridError> errors)
    {
        var subject = Text(At(body, "subject"));
        if (string.IsNullOrEmpty(subject))
        {
            Add(errors, "subject", "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.");
        }
        else if (HasLineBreakOrControl(subject))
        {
            Add(errors, "subject", "The subject must not contain line breaks or control characters.");
        }
    }

    private static void ValidateContent(JsonNode body, List<FakeSendGridError> errors)
    {
        if (At(body, "content") is not JsonArray { Count: > 0 } content)
        {
            Add(errors, "content", "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.");
            return;
        }

        for (var i = 0; i < content.Count; i++)
        {
            var type = Text(At(content[i], "type"));
            if (string.IsNullOrEmpty(type))
            {
                Add(errors, $"content.{i}.type", "The content type must be provided and must be at least one character in length.");
            }
            else if (i > 0 && string.Equals(type, "text/plain", StringComparison.OrdinalIgnoreCase))
            {
                Add(errors, $"content.{i}.type", "If present, text/plain content must be first, followed by text/html, followed by any other content.");
            }

            if (string.IsNullOrEmpty(Text(At(content[i], "value"))))
            {
                Add(errors, $"content.{i}.value", "The content value must be a string at least one character in length.");
            }
        }
    }

    private static void ValidateHeaders(JsonNode body, List<FakeSendGridError> errors)
    {
        if (At(body, "headers") is not { } node)
        {
            return;
        }

        if (node is not JsonObject headers)
        {
            Add(errors, "headers", "Invalid type. Expected: object.");
            return;
        }

        foreach (var (name, value) in headers)
        {
            if (ReservedHeaders.Contains(name))
            {
                Add(errors, "headers", $"The header {name} is reserved and cannot be set. Reserved headers: {string.Join(", ", ReservedHeaders)}.");
            }
            else if (Text(value) is not { } text)
            {
                Add(errors, $"headers.{name}", "Invalid type. Expected: string.");
            }
            else if (HasLineBreakOrControl(name) || HasLineBreakOrControl(text))
            {
                Add(errors, $"headers.{name}", "Header names and values must not contain line breaks or control characters.");
            }
        }
    }

    private static void ValidateCustomArgs(JsonNode body, List<FakeSendGridError> errors)
    {
        if (At(body, "custom_args") is not { } customArgs)
        {
            return;
        }

        if (customArgs is not JsonObject args)
        {
            Add(errors, "custom_args", "Invalid type. Expected: object.");
            return;
        }

        foreach (var (name, value) in args)
        {
            if (Text(value) is null)
            {
                Add(errors, $"custom_args.{name}", "Invalid type. Expected: string.");
            }
        }
    }

    private static void CheckName(JsonObject mailbox, string field, List<FakeSendGridError> errors)
    {
        if (Text(At(mailbox, "name")) is { } name && HasLineBreakOrControl(name))
        {
            Add(errors, field, "The name must not contain line breaks or control characters.");
        }
    }

    /// <summary>Roughly SendGrid's check: one '@', something on each side, a dot in the domain, no spaces or brackets.</summary>
    public static bool IsValidAddress(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"' or '(' or ')'))
        {
            return false;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == address.LastIndexOf('@')
            && address.IndexOf('.', at) is var dot && dot > at + 1 && dot < address.Length - 1
            && !address.EndsWith('.');
    }

    private static bool HasLineBreakOrControl(string value) => value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');

    private static void Add(List<FakeSendGridError> errors, string field, string message) =>
        errors.Add(new FakeSendGridError(message, field, FakeSendGridError.MailSendErrorsHelp));
}
