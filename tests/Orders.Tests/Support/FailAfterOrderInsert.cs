using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orders.Tests.Support;

/// <summary>
/// Puts a failing statement right after the <c>INSERT INTO orders</c> of a command, in the same
/// batch: the order row (and whatever else the batch wrote before) is written inside the
/// transaction, the next statement fails, and all of it must roll back.
/// </summary>
public sealed class FailAfterOrderInsert : DbCommandInterceptor
{
    private const string FailingStatement = "\nSELECT CAST('Injected failure after the order INSERT' AS integer);";

    public int Failures { get; private set; }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        InjectAfterOrderInsert(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        InjectAfterOrderInsert(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void InjectAfterOrderInsert(DbCommand command)
    {
        var insert = command.CommandText.IndexOf("INSERT INTO orders", StringComparison.Ordinal);
        if (insert < 0)
        {
            return;
        }

        // Statements are separated by ';' and EF Core passes every value as a parameter, so the
        // first ';' after the INSERT ends it.
        var end = command.CommandText.IndexOf(';', insert);
        command.CommandText = end < 0
            ? command.CommandText + ";" + FailingStatement
            : command.CommandText.Insert(end + 1, FailingStatement);
        Failures++;
    }
}
