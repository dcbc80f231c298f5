namespace PosterGen.Sagas.BatchJobs;

/// <summary>One bit per item of a job: set once the item's first outcome has been counted.</summary>
public static class OutcomeBitset
{
    public static byte[] For(int itemCount) => new byte[(itemCount + 7) / 8];

    /// <summary>
    /// The bits with the given items' bits set, and how many of them were not set before. Indexes
    /// outside the job and items already counted are skipped. A changed value comes back as a new
    /// array because EF Core treats byte arrays as immutable values: bits flipped in place are never
    /// saved, and every duplicate would then count again.
    /// </summary>
    public static byte[] Mark(byte[] bits, int itemCount, IEnumerable<int> itemIndexes, out int newlyMarked)
    {
        newlyMarked = 0;
        byte[]? marked = null;
        foreach (var index in itemIndexes)
        {
            if (index < 0 || index >= itemCount || index / 8 >= bits.Length) continue;
            var mask = (byte)(1 << (index % 8));
            if (((marked ?? bits)[index / 8] & mask) != 0) continue;
            marked ??= (byte[])bits.Clone();
            marked[index / 8] |= mask;
            newlyMarked++;
        }
        return marked ?? bits;
    }
}
