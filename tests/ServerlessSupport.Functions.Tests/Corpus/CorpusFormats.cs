namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>The vocabulary of corpus case files.</summary>
internal static class CorpusFormats
{
    public const string SendGrid = "sendgrid";
    public const string SendGridRaw = "sendgrid-raw";
    public const string Json = "json";

    public const string NewTicket = "new-ticket";
    public const string Threaded = "threaded";
    public const string AutomaticThreaded = "automatic-threaded";
    public const string AutomaticUnthreaded = "automatic-unthreaded";
    public const string Quarantined = "quarantined";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> Formats { get; } = [SendGrid, SendGridRaw, Json];

    /// <summary>The webhook route a format posts to: both SendGrid modes share one.</summary>
    public static string Route(string format) => format == SendGridRaw ? SendGrid : format;

    /// <summary>The app's pointer format for a case format.</summary>
    public static string PointerFormat(string format) => format == Json ? Core.Queues.InboundQueueMessage.JsonFormat : Core.Queues.InboundQueueMessage.SendGridFormat;

    public static IReadOnlyList<string> Outcomes { get; } =
        [NewTicket, Threaded, AutomaticThreaded, AutomaticUnthreaded, Quarantined, Duplicate, Rejected];

    public static IReadOnlyList<string> MailKinds { get; } = ["Human", "AutoReply", "Bounce", "MailingList", "Bulk", "OwnMail", "Report"];

    public static bool IsThreaded(string outcome) => outcome is Threaded or AutomaticThreaded;

    /// <summary>Outcomes where the mail is parsed into an email (the rest never get that far).</summary>
    public static bool IsParsed(string outcome) => outcome is not (Quarantined or Rejected);
}
