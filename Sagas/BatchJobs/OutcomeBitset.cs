namespace PosterGen.Sagas.BatchJobs;

/// <summary>One bit per item of a job: set once the item's first outcome has been counted.</summary>
public static class OutcomeBitset
{
    public static byte[] For(int itemCount) => new byte[(itemCount + 7) / 8];

    /// <summary>Sets the item's bit; false when it was already set or the index is not an item of the job.</summary>
    public static bool TryMark(byte[] bits, int itemCount, int itemIndex)
    {
        if (itemIndex < 0 || itemIndex >= itemCount || itemIndex / 8 >= bits.Length) return false;
        var mask = (byte)(1 << (itemIndex % 8));
        if ((bits[itemIndex / 8] & mask) != 0) return false;
        bits[itemIndex / 8] |= mask;
        return true;
    }
}
