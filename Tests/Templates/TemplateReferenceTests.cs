using PosterGen.Consumers.Templates;

namespace PosterGen.Tests.Templates;

public class TemplateReferenceTests
{
    [TestCase("promo", "promo", null, false)]
    [TestCase("promo@3", "promo", 3, false)]
    [TestCase("promo_latest", "promo", null, true)]
    [TestCase(" summer-sale_2 ", "summer-sale_2", null, false)]
    public void Parses_the_three_ways_clients_name_a_template(string text, string key, int? version, bool latest)
    {
        Assert.That(TemplateReference.TryParse(text, out var reference), Is.True);
        Assert.That(reference, Is.EqualTo(new TemplateReference(key, version, latest)));
        Assert.That(TemplateReference.TryParse(reference.ToString(), out var again) && again == reference, Is.True, "round trip");
    }

    [TestCase("")]
    [TestCase("promo@0")]
    [TestCase("promo@x")]
    [TestCase("Promo")]
    [TestCase("../etc")]
    [TestCase("_latest")]
    public void Refuses_what_is_not_a_reference(string text)
    {
        Assert.That(TemplateReference.TryParse(text, out _), Is.False);
    }

    [TestCase("Testimonial Cards", "testimonial-cards")]
    [TestCase("  Été 2026 / Promo!! ", "ete-2026-promo")]
    [TestCase("black_friday", "black_friday")]
    public void Makes_keys_from_sections(string section, string key)
    {
        Assert.That(TemplateReference.KeyFrom(section), Is.EqualTo(key));
    }

    [Test]
    public void A_key_may_not_end_like_a_latest_reference()
    {
        Assert.That(TemplateReference.IsValidKey("promo_latest"), Is.False);
        Assert.That(TemplateReference.IsValidKey("promo"), Is.True);
    }
}
