using Google.Protobuf;

namespace Platform.Contracts;

/// <summary>
/// A domain event that is published: the released contract message it is serialized as, which
/// becomes its outbox row's <c>payload</c>.
/// </summary>
public interface IPublishedEvent
{
    /// <summary>The event as its released contract message.</summary>
    IMessage ToContract();
}
