//! "Is the broker gone?" for Kafka: the one answer the producer, the consumers and the
//! admin calls share. librdkafka reconnects by itself; these codes say no broker can be
//! reached right now (as opposed to a request the broker refused, which no wait mends).

use rdkafka::types::RDKafkaErrorCode as C;

/// No broker can be reached: every connection is down, a transport failed, or the
/// bootstrap name does not resolve.
pub fn is_connection_loss(code: C) -> bool {
    matches!(
        code,
        C::AllBrokersDown | C::BrokerTransportFailure | C::Resolve
    )
}

/// What a consumer waits through: a lost connection, or the cluster moving a leader or
/// a coordinator (a broker restarting), which librdkafka recovers from by itself.
pub fn is_transient(code: C) -> bool {
    is_connection_loss(code)
        || matches!(
            code,
            C::LeaderNotAvailable
                | C::NotLeaderForPartition
                | C::RequestTimedOut
                | C::BrokerNotAvailable
                | C::NetworkException
                | C::CoordinatorLoadInProgress
                | C::CoordinatorNotAvailable
                | C::NotCoordinator
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_connection_is_transient_and_a_refusal_is_neither() {
        for c in [C::AllBrokersDown, C::BrokerTransportFailure, C::Resolve] {
            assert!(is_connection_loss(c) && is_transient(c), "{c:?}");
        }
        assert!(is_transient(C::NotCoordinator) && !is_connection_loss(C::NotCoordinator));
        for c in [
            C::TopicAuthorizationFailed,
            C::UnknownTopicOrPartition,
            C::MessageSizeTooLarge,
        ] {
            assert!(!is_transient(c), "{c:?}");
        }
    }
}
