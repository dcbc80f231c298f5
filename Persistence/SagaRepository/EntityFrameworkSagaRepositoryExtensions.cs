using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PosterGen.Persistence.SagaRepository;

public static class EntityFrameworkSagaRepositoryExtensions
{
    /// <summary>
    /// Keeps the saga's instances in <see cref="PosterGenDbContext"/>'s table for <typeparamref name="TSaga"/>.
    /// Shaped like MassTransit.EntityFrameworkCore's <c>EntityFrameworkRepository</c>, so the real
    /// package can replace it with a change to this one call.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> EntityFrameworkRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
    {
        configurator.Repository(repository =>
        {
            repository.TryAddSingleton<SagaRowLoader<TSaga>>();
            repository.RegisterSagaRepository<TSaga, DbContext, SagaConsumeContextFactory<DbContext, TSaga>,
                EntityFrameworkSagaRepositoryContextFactory<TSaga>>();
        });
        return configurator;
    }
}
