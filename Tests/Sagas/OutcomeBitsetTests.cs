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

        Assert.That(Enumerable.Range(0, 20).Count(i => OutcomeBitset.TryMark(bits, 20, i)), Is.EqualTo(20));
        Assert.That(Enumerable.Range(0, 20).Count(i => OutcomeBitset.TryMark(bits, 20, i)), Is.Zero);
    }

    [TestCase(-1)]
    [TestCase(10)]
    [TestCase(16)]
    public void Indexes_outside_the_job_are_refused(int index)
    {
        Assert.That(OutcomeBitset.TryMark(OutcomeBitset.For(10), 10, index), Is.False);
    }
}
