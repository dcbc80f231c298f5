using System.Text.Json;
using PosterGen.Consumers.Posters;
using PosterGen.Consumers.Rendering;
using PosterGen.Contracts;

namespace PosterGen.Tests.Posters;

public class RenderFingerprintTests
{
    private static readonly JsonElement Data = JsonSerializer.SerializeToElement(new { name = "Ada" });
    private static readonly PosterTemplate Template = new("promo", 3, "<p>{{name}}</p>", null, 100, 100);

    [Test]
    public void Replacing_an_asset_changes_the_fingerprint()
    {
        var before = Template with { Assets = [new PosterAsset("logo.png", "image/png", "k1", "aa")] };
        var after = Template with { Assets = [new PosterAsset("logo.png", "image/png", "k2", "bb")] };

        Assert.That(RenderCache.Fingerprint(after, Data, RenderOptions.Default), Is.Not.EqualTo(RenderCache.Fingerprint(before, Data, RenderOptions.Default)));
    }

    [Test]
    public void Asset_order_does_not_matter_and_a_template_without_assets_keeps_its_key()
    {
        var a = new PosterAsset("a.png", "image/png", "ka", "11");
        var b = new PosterAsset("b.woff2", "font/woff2", "kb", "22");

        Assert.That(RenderCache.Fingerprint(Template with { Assets = [a, b] }, Data, RenderOptions.Default),
            Is.EqualTo(RenderCache.Fingerprint(Template with { Assets = [b, a] }, Data, RenderOptions.Default)));
        // The key every poster rendered before assets existed was stored under.
        Assert.That(RenderCache.Fingerprint(Template, Data, RenderOptions.Default),
            Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes("promo\n3\n{\"name\":\"Ada\"}\npng\n90\n1")))));
    }
}
