namespace PosterGen.Sagas.BatchJobs;

/// <summary>One bit per item of a job: set once the item's first outcome has been counted.</summary>
public static class OutcomeBitset
{
    public static byte[] For(int itemCount) => new byte[(itemCount + 7) / 8];

    /// <summary>
    /// The bits with the item's bit set, as a new array; false when it was already set or the index
    /// is not an item of the job. A new array because EF Core treats byte arrays as immutable values:
    /// a bit flipped in place is never saved, and every duplicate would then count again.
    /// </summary>
    public static bool TryMark(byte[] bits, int itemCount, int itemIndex, out byte[] marked)
    {
        marked = bits;
        if (itemIndex < 0 || itemIndex >= itemCount || itemIndex / 8 >= bits.Length) return false;
        var mask = (byte)(1 << (itemIndex % 8));
        if ((bits[itemIndex / 8] & mask) != 0) return false;
        marked = (byte[])bits.Clone();
        marked[itemIndex / 8] |= mask;
        return true;
    }
}
