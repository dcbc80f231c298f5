using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PosterGen.Tests.Notifications;

/// <summary>
/// A deterministic fault point between the SMTP server taking a completion email and its row being
/// marked sent: the first statement that marks an <c>email_deliveries</c> row sent fails, as a lost
/// connection there would.
/// </summary>
public sealed class MarkSentFault : DbCommandInterceptor
{
    private int hits;

    public int Hits => Volatile.Read(ref hits);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.StartsWith("UPDATE", StringComparison.Ordinal) && command.CommandText.Contains("email_deliveries")
            && command.CommandText.Contains("sent_at") && Interlocked.Increment(ref hits) == 1)
            throw new InvalidOperationException("Fault injected: the mark after the send is lost.");
        return ValueTask.FromResult(result);
    }
}
