using System.Collections.Concurrent;
using PosterGen.Contracts;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Persistence.Outbox;

/// <summary>
/// Turns a stored <see cref="OutboxMessage.MessageType"/> back into its type. Only the contracts and
/// the saga's own messages can be in the outbox, so only their assemblies are searched: a row can
/// never name an arbitrary type.
/// </summary>
public static class OutboxMessageTypes
{
    private static readonly System.Reflection.Assembly[] Assemblies = [typeof(BatchRequested).Assembly, typeof(BatchJobState).Assembly];
    private static readonly ConcurrentDictionary<string, Type?> Known = new();

    public static Type Resolve(string name) =>
        Known.GetOrAdd(name, n => Assemblies.Select(a => a.GetType(n)).FirstOrDefault(t => t is not null))
        ?? throw new InvalidOperationException($"Outbox message type '{name}' is not a PosterGen message.");
}
