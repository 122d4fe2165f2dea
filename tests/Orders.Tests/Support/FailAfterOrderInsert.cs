using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orders.Tests.Support;

/// <summary>
/// Throws right after a command that inserted into <c>orders</c> executed: the order (and the
/// outbox row, batched with it) are written inside the transaction, which must then roll back.
/// </summary>
public sealed class FailAfterOrderInsert : DbCommandInterceptor
{
    public int Failures { get; private set; }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        FailOnOrderInsert(command);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        FailOnOrderInsert(command);
        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    private void FailOnOrderInsert(DbCommand command)
    {
        if (command.CommandText.Contains("INSERT INTO orders", StringComparison.Ordinal))
        {
            Failures++;
            throw new InvalidOperationException("Injected failure after the order INSERT executed.");
        }
    }
}
