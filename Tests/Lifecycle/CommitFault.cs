using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Tests.Lifecycle;

/// <summary>
/// A deterministic fault point in the saga's transaction: the first commit that carries a saga row
/// fails, as a crash or a lost connection there would, and the next waits at the commit until the
/// test lets it go, so the test can look at the database in between.
/// </summary>
public sealed class CommitFault : IDbTransactionInterceptor
{
    private int commits;

    public TaskCompletionSource FirstFailed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource SecondWaiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.ChangeTracker.Entries<BatchJobState>().Any() != true)
            return result;
        switch (Interlocked.Increment(ref commits))
        {
            case 1:
                FirstFailed.TrySetResult();
                throw new InvalidOperationException("Fault injected at the saga's first commit.");
            case 2:
                SecondWaiting.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
                break;
        }
        return result;
    }
}
