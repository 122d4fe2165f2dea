using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Persistence;

namespace Persistence.Tests;

/// <summary>
/// Covers: which failures the consumer host retries without counting attempts (an unreachable
/// database) and which stay bounded by MaxAttempts (deadlocks, serialization failures, timeouts,
/// anything else), including when EF Core wraps them. Does not cover: the retry loop itself
/// (ConsumerHostTests).
/// </summary>
public class DatabaseUnavailableTests
{
    [TestCase("57P01")] // admin shutdown: the backend was terminated
    [TestCase("57P02")] // crash shutdown
    [TestCase("57P03")] // not yet accepting connections (crash recovery)
    [TestCase("08006")] // connection failure
    public void a_server_that_cannot_serve_is_unavailable(string sqlState)
    {
        var failure = new PostgresException("server unavailable", "FATAL", "FATAL", sqlState);
        Assert.Multiple(() =>
        {
            Assert.That(DatabaseUnavailable.Is(failure), Is.True);
            Assert.That(DatabaseUnavailable.Is(new DbUpdateException("wrapped by EF Core", failure)), Is.True);
        });
    }

    [Test]
    public void a_connection_that_could_not_be_opened_or_was_cut_is_unavailable()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DatabaseUnavailable.Is(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))), Is.True);
            Assert.That(DatabaseUnavailable.Is(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())), Is.True);
        });
    }

    [TestCase("40P01")] // deadlock
    [TestCase("40001")] // serialization failure
    [TestCase("23505")] // unique violation
    public void a_failure_of_the_work_itself_is_not(string sqlState)
    {
        Assert.That(DatabaseUnavailable.Is(new PostgresException("work failed", "ERROR", "ERROR", sqlState)), Is.False);
    }

    [Test]
    public void a_timeout_or_any_other_exception_is_not()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DatabaseUnavailable.Is(new NpgsqlException("Exception while reading from stream", new TimeoutException())), Is.False);
            Assert.That(DatabaseUnavailable.Is(new TimeoutException()), Is.False);
            Assert.That(DatabaseUnavailable.Is(new InvalidOperationException("handler bug")), Is.False);
        });
    }
}
