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
        var bits = OutcomeBitset.Mark(OutcomeBitset.For(20), 20, Enumerable.Range(0, 20), out var first);
        OutcomeBitset.Mark(bits, 20, Enumerable.Range(0, 20), out var again);

        Assert.That((first, again), Is.EqualTo((20, 0)));
    }

    [Test]
    public void An_item_repeated_within_one_batch_counts_once()
    {
        OutcomeBitset.Mark(OutcomeBitset.For(10), 10, [3, 5, 3, 3, 5], out var newlyMarked);

        Assert.That(newlyMarked, Is.EqualTo(2));
    }

    [Test]
    public void Marking_returns_a_new_array_so_the_change_is_saved()
    {
        var bits = OutcomeBitset.For(10);

        var marked = OutcomeBitset.Mark(bits, 10, [3, 9], out _);

        Assert.That(marked, Is.Not.SameAs(bits));
        Assert.That(bits, Is.All.Zero, "the loaded value is left as it was");
        Assert.That(marked, Is.EqualTo(new byte[] { 0b1000, 0b10 }));
    }

    [Test]
    public void Marking_nothing_new_keeps_the_same_array()
    {
        var bits = OutcomeBitset.Mark(OutcomeBitset.For(10), 10, [1], out _);

        Assert.That(OutcomeBitset.Mark(bits, 10, [1], out _), Is.SameAs(bits));
    }

    [TestCase(-1)]
    [TestCase(10)]
    [TestCase(16)]
    public void Indexes_outside_the_job_are_refused(int index)
    {
        var bits = OutcomeBitset.For(10);

        Assert.That(OutcomeBitset.Mark(bits, 10, [index], out var newlyMarked), Is.SameAs(bits));
        Assert.That(newlyMarked, Is.Zero);
    }
}
