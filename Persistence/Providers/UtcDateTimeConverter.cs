using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PosterGen.Persistence.Providers;

public class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
