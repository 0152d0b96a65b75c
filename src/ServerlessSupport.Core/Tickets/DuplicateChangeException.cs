namespace ServerlessSupport.Core.Tickets;

/// <summary>A marker of this change already exists: it was committed before (a redelivery), so nothing was written.</summary>
internal sealed class DuplicateChangeException(string marker) : Exception($"Change with marker '{marker}' was already committed.")
{
    public string Marker { get; } = marker;
}
