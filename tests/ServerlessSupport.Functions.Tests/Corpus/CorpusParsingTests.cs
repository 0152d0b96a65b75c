using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Intake;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>
/// Every case through the webhook's validation, the parser and the classifier, without storage: quick, and it points at
/// the parsing layer when a pipeline case fails.
/// </summary>
public sealed class CorpusParsingTests
{
    public static TheoryData<string> Cases => [.. CorpusLoader.Cases.Where(c => c.Expect.Outcome != CorpusFormats.Rejected).Select(c => c.Name)];

    public static TheoryData<string> Twins => [.. CorpusLoader.Twins.Cases.Where(c => c.Expect.Outcome != CorpusFormats.Rejected).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_ValidateParseClassify_AgreesWithExpectation(string name) => Check(CorpusLoader.Get(name));

    [Theory]
    [MemberData(nameof(Twins))]
    public void Twin_ValidateParseClassify_AgreesWithExpectation(string name) => Check(CorpusLoader.Twins.Get(name));

    private static void Check(CorpusCase c)
    {
        var payload = CorpusPayloadBuilder.Build(c, CorpusFakeValues.Resolve);
        var format = CorpusFormats.PointerFormat(c.Format);

        var problem = InboundPayloadValidator.Validate(format, payload.ContentType, payload.Body);
        var parsed = problem is null
            ? InboundPayloads.Parse(format, payload.Body, payload.ContentType)
            : null;

        if (c.Expect.Outcome == CorpusFormats.Quarantined)
        {
            Assert.True(problem is not null || parsed is { Succeeded: false }, $"expected the payload to be refused, but it parsed: from {parsed?.Email?.From.Address}");
            return;
        }

        Assert.True(problem is null, $"the webhook would quarantine it: {problem}");
        Assert.True(parsed!.Succeeded, $"the parser refused it: {parsed.FailureReason}");
        var email = parsed.Email!;
        var verdict = AutomaticMailClassifier.Classify(email, CorpusFakeValues.Support);
        var automatic = c.Expect.Outcome is CorpusFormats.AutomaticThreaded or CorpusFormats.AutomaticUnthreaded;
        Assert.True(automatic == verdict.IsAutomatic, $"classified {verdict.Kind} ({verdict.Reason}), expected outcome {c.Expect.Outcome}");
        if (c.Expect.MailKind is { } kind)
        {
            Assert.Equal(kind, verdict.Kind.ToString());
        }

        if (c.Expect.Subject is { } subject)
        {
            Assert.Equal(CorpusFakeValues.Resolve(subject), email.Subject);
        }

        if (c.Expect.SubjectNotContains is { } notInSubject)
        {
            Assert.DoesNotContain(CorpusFakeValues.Resolve(notInSubject), email.Subject, StringComparison.Ordinal);
        }

        if (c.Expect.DisplayTextContains is { } shown)
        {
            Assert.Contains(CorpusFakeValues.Resolve(shown), email.DisplayText, StringComparison.Ordinal);
        }

        if (c.Expect.DisplayTextNotContains is { } hidden)
        {
            Assert.DoesNotContain(CorpusFakeValues.Resolve(hidden), email.DisplayText, StringComparison.Ordinal);
        }

        if (c.Expect.FullTextContains is { } full)
        {
            Assert.Contains(CorpusFakeValues.Resolve(full), email.Text, StringComparison.Ordinal);
        }

        if (c.Expect.Attachments is { } attachments)
        {
            Assert.Equal(attachments, email.Attachments.Count);
        }

        if (c.Expect.AttachmentNames is { } names)
        {
            Assert.Equal(names, email.Attachments.Select(a => a.FileName));
        }

        if (c.Expect.Customer is { } customer)
        {
            Assert.Equal(customer, email.From.Address, ignoreCase: true);
        }

        if (c.Expect.CustomerName is { } customerName)
        {
            Assert.Equal(customerName, email.From.DisplayName);
        }
    }
}
