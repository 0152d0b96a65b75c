using System.Runtime.CompilerServices;
using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Simulator.Engine;

/// <summary>
/// The real due index (Azurite), except that a shard in which no ticket's latest commit asked for a row due by now is not
/// queried: that query would return nothing (or only stale rows the sweep would find nothing due for). This is what lets
/// the timers fire every simulated minute: 2 sweeps × 128 shards × 10,080 minutes of empty range queries would take
/// hours against Azurite. Every due row that is due is still read from, and deleted in, storage.
/// </summary>
internal sealed class FilteredDueIndex(IDueIndex inner, SimulationLedger ledger) : IDueIndex
{
    public async IAsyncEnumerable<DueRow> ReadDueAsync(int shard, string sweep, DateTimeOffset upTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!ledger.HasDue(shard, sweep, upTo))
        {
            yield break;
        }

        await foreach (var row in inner.ReadDueAsync(shard, sweep, upTo, cancellationToken))
        {
            yield return row;
        }
    }

    public Task DeleteAsync(DueRow row, CancellationToken cancellationToken) => inner.DeleteAsync(row, cancellationToken);
}
