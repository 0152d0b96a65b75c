using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The <c>statusNotes</c> section. Left out, or <c>"enabled": false</c>: no status notes; a disabled section is still
/// checked.
/// </summary>
internal sealed class StatusNotesReader(PolicyReading reading, CalendarsReader calendars)
{
    public StatusNotePolicy? Read(StatusNotesDocument? notes)
    {
        if (notes is null)
        {
            return null;
        }

        var clock = calendars.Clock("statusNotes", notes.Clock, notes.Calendar);
        var after = reading.Spec("statusNotes.after", notes.After, clock);
        return notes.Enabled != false && after is not null ? new StatusNotePolicy(after) : null;
    }
}
