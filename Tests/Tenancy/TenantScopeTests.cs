using System.Reflection;
using Microsoft.EntityFrameworkCore;
using PosterGen.Api.Extensions;
using PosterGen.Persistence;

namespace PosterGen.Tests.Tenancy;

/// <summary>
/// The singleton context factory's contexts see every tenant (they are for background work), so nothing
/// that serves a request may take it: API code reads through the scoped context or TenantDbContexts.
/// </summary>
public class TenantScopeTests
{
    /// <summary>Reads no tenant's rows: it only asks whether the database answers.</summary>
    private static readonly Type[] AllowedEverywhere = [typeof(DatabaseHealthCheck)];

    [Test]
    public void No_api_type_or_handler_takes_the_every_tenant_context_factory()
    {
        var factory = typeof(IDbContextFactory<PosterGenDbContext>);
        var offenders = typeof(Program).Assembly.GetTypes()
            .Where(type => !AllowedEverywhere.Contains(type))
            .SelectMany(type => type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Cast<MethodBase>()
                .Concat(type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                .Where(member => member.GetParameters().Any(p => p.ParameterType == factory))
                .Select(member => $"{type.FullName}.{member.Name}"))
            .ToList();
        Assert.That(offenders, Is.Empty);
    }
}
