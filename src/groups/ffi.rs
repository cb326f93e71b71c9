//! ListGroups through librdkafka's admin API (`rd_kafka_ListConsumerGroups`), which the
//! rdkafka crate does not wrap. Unlike `rd_kafka_list_groups` it sends no DescribeGroups,
//! so it lists the groups of brokers that cannot describe them (tansu 0.6). The request's
//! plumbing is `kafka::ffi`'s.

use std::time::Duration;

use rdkafka::admin::AdminClient;
use rdkafka::bindings as rd;
use rdkafka::client::DefaultClientContext;

use crate::kafka::ffi::{admin_request, text, AdminFailure};

/// The broker's or the client's error text.
struct Failed(String);

impl From<AdminFailure> for Failed {
    fn from(f: AdminFailure) -> Failed {
        Failed(match f {
            AdminFailure::Client(m) => m,
            AdminFailure::Event(err, msg) => msg.unwrap_or_else(|| format!("error {err:?}")),
        })
    }
}

/// `(group id, state)` of every group, or the broker's/client's error text.
pub fn list_consumer_groups(
    admin: &AdminClient<DefaultClientContext>,
    timeout: Duration,
) -> Result<Vec<(String, String)>, String> {
    // SAFETY: the request is enqueued once with the options and queue it is given; the
    // listings' strings are copied out before the event that owns them is destroyed.
    let listed = unsafe {
        admin_request(
            admin,
            rd::rd_kafka_admin_op_t::RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS,
            "ListGroups",
            timeout,
            |rk, options, queue| rd::rd_kafka_ListConsumerGroups(rk, options, queue),
            |event| {
                let res = rd::rd_kafka_event_ListConsumerGroups_result(event);
                if res.is_null() {
                    return Err(Failed("unexpected answer to ListGroups".into()));
                }
                let mut n = 0usize;
                let valid = rd::rd_kafka_ListConsumerGroups_result_valid(res, &mut n);
                let mut out = Vec::with_capacity(n);
                for i in 0..n {
                    let g = *valid.add(i);
                    let id =
                        text(rd::rd_kafka_ConsumerGroupListing_group_id(g)).unwrap_or_default();
                    let state = rd::rd_kafka_ConsumerGroupListing_state(g);
                    let state = text(rd::rd_kafka_consumer_group_state_name(state))
                        .unwrap_or_else(|| "Unknown".into());
                    out.push((id, state));
                }
                let mut m = 0usize;
                let errors = rd::rd_kafka_ListConsumerGroups_result_errors(res, &mut m);
                if out.is_empty() && m > 0 {
                    return Err(Failed(
                        text(rd::rd_kafka_error_string(*errors))
                            .unwrap_or_else(|| "ListGroups failed".into()),
                    ));
                }
                Ok(out)
            },
        )
    };
    listed.map_err(|Failed(m)| m)
}
