using Microsoft.EntityFrameworkCore;

namespace HotPaths.Benchmarks;

/// <summary>A consumer's DbContext with no state of its own: the inbox check is all that is measured.</summary>
public sealed class InboxOnlyContext(DbContextOptions<InboxOnlyContext> options) : DbContext(options);
