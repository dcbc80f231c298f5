using Microsoft.Data.Sqlite;

namespace PosterGen.Tests.Support;

/// <summary>Reads a running service's SQLite file the way support staff would, read-only beside it.</summary>
public static class SqliteFile
{
    public static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
