using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Tests.Sagas;

public class OutcomeBitsetTests
{
    [TestCase(1, 1)]
    [TestCase(8, 1)]
    [TestCase(9, 2)]
    [TestCase(100_000, 12_500)]
    public void Holds_one_bit_per_item(int items, int bytes)
    {
        Assert.That(OutcomeBitset.For(items), Has.Length.EqualTo(bytes));
    }

    [Test]
    public void Each_item_is_marked_once()
    {
        var bits = OutcomeBitset.For(20);

        Assert.That(Enumerable.Range(0, 20).Count(i => Mark(ref bits, i)), Is.EqualTo(20));
        Assert.That(Enumerable.Range(0, 20).Count(i => Mark(ref bits, i)), Is.Zero);
    }

    [Test]
    public void Marking_returns_a_new_array_so_the_change_is_saved()
    {
        var bits = OutcomeBitset.For(10);

        Assert.That(OutcomeBitset.TryMark(bits, 10, 3, out var marked), Is.True);
        Assert.That(marked, Is.Not.SameAs(bits));
        Assert.That(bits, Is.All.Zero, "the loaded value is left as it was");
        Assert.That(marked[0], Is.EqualTo(0b1000));
    }

    [TestCase(-1)]
    [TestCase(10)]
    [TestCase(16)]
    public void Indexes_outside_the_job_are_refused(int index)
    {
        Assert.That(OutcomeBitset.TryMark(OutcomeBitset.For(10), 10, index, out _), Is.False);
    }

    private static bool Mark(ref byte[] bits, int index)
    {
        var counted = OutcomeBitset.TryMark(bits, 20, index, out var marked);
        bits = marked;
        return counted;
    }
}
