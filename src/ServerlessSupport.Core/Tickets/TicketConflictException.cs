namespace ServerlessSupport.Core.Tickets;

/// <summary>The ticket changed since it was read (ETag mismatch, or it was created concurrently): re-read and decide again.</summary>
internal sealed class TicketConflictException(string message, Exception? inner = null) : Exception(message, inner);
