using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Database;

/// <summary>A change refused because another change of the same thing is being written at the same time (a conflict, review.md R2).</summary>
public sealed class ConcurrentChangeException(Problem problem) : Exception(problem.Message.En)
{
    public Problem Problem { get; } = problem;
}

/// <summary>
/// Two commands that write the same thing at once (two <c>calc</c> of a period, two imports of the same kind and scope):
/// the second is refused at once as a conflict, never left to fail on a raw database error. PostgreSQL: advisory locks
/// keyed by organisation and what is written. SQLite has one writer at a time: a write transaction is taken at once
/// (<c>BEGIN IMMEDIATE</c>) and waits at most the connection's short busy timeout for another one to end. Whatever
/// still fails at commit (a unique key, a concurrency token, a busy database) is mapped by <see cref="ToProblem"/>.
/// </summary>
public static class Concurrency
{
    /// <summary>
    /// Holds <paramref name="key"/> for a whole command (a calculation: its evaluation and its commit): null when another
    /// command holds it. PostgreSQL: a session advisory lock on a connection kept open until the holder is disposed; SQLite:
    /// the write transaction, begun now, that the command commits (so no other writer comes in between).
    /// </summary>
    public static async Task<IAsyncDisposable?> TryHoldAsync(YardstickDb db, string key, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            try
            {
                return await db.Database.BeginTransactionAsync(ct);
            }
            catch (SqliteException ex) when (IsBusy(ex))
            {
                return null;
            }
        }

        await db.Database.OpenConnectionAsync(ct);
        var k = Key(db, key);
        if (await db.Database.SqlQuery<bool>($"""SELECT pg_try_advisory_lock({k}) AS "Value" """).SingleAsync(ct))
            return new SessionLock(db, k);
        await db.Database.CloseConnectionAsync();
        return null;
    }

    /// <summary>
    /// Begins the write transaction of a change of <paramref name="key"/> (an import of one kind and scope); throws
    /// <see cref="ConcurrentChangeException"/> with <paramref name="running"/> when another transaction writes the same key
    /// (PostgreSQL: a transaction advisory lock, released at its end), or with <see cref="Busy"/> when the database stays busy
    /// with another writer (SQLite).
    /// </summary>
    public static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(YardstickDb db, string key, Problem running, CancellationToken ct)
    {
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx;
        try
        {
            tx = await db.Database.BeginTransactionAsync(ct);
        }
        catch (SqliteException ex) when (IsBusy(ex))
        {
            throw new ConcurrentChangeException(Busy());
        }

        if (db.Provider == DatabaseProvider.Postgres
            && !await db.Database.SqlQuery<bool>($"""SELECT pg_try_advisory_xact_lock({Key(db, key)}) AS "Value" """).SingleAsync(ct))
        {
            await tx.DisposeAsync();
            throw new ConcurrentChangeException(running);
        }

        return tx;
    }

    /// <summary>
    /// The conflict a failure to write stands for, or null when it is none of them (a bug, or the environment failed): a refusal
    /// of <see cref="BeginAsync"/>, a record changed by another command since it was read (a concurrency token), a unique key
    /// another command wrote first, a busy SQLite database, a PostgreSQL serialization failure or deadlock.
    /// </summary>
    public static Problem? ToProblem(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ConcurrentChangeException c:
                    return c.Problem;
                case DbUpdateConcurrencyException:
                    return Conflict(
                        "另一个命令同时更改了同一条记录，本次更改未保存；请重新执行",
                        "another command changed the same record at the same time, so nothing was saved; run the command again",
                        "db.concurrent");
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                case SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }:
                    return Conflict(
                        "另一个命令（同时进行的导入或计算）已写入同一条记录，本次更改未保存；请在它结束后重试",
                        "another command (an import or a calculation running at the same time) wrote the same record first, so nothing was saved; try again when it ends",
                        "db.concurrent");
                case PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                case SqliteException s when IsBusy(s):
                    return Busy();
            }
        }

        return null;
    }

    /// <summary>"the database is busy with another change; try again when it ends".</summary>
    public static Problem Busy() => Conflict(
        "数据库正忙于另一项更改（计算或导入）；请在它结束后重试",
        "the database is busy with another change (a calculation or an import); try again when it ends",
        "db.busy");

    private static Problem Conflict(string zh, string en, string code) => new(ProblemKind.Conflict, Location.None, new LocalizedText(zh, en), code);

    private static bool IsBusy(SqliteException ex) => ex.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    // 64 bits of SHA-256 over the organisation and the key: the same key in two organisations never collides
    private static long Key(YardstickDb db, string key) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"yardstick/{db.OrganisationId}/{key}")), 0);

    private sealed class SessionLock(YardstickDb db, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.SqlQuery<bool>($"""SELECT pg_advisory_unlock({key}) AS "Value" """).SingleAsync();
            }
            finally
            {
                // a closed (or broken) session releases its locks too
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
