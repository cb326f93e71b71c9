//! ListGroups through librdkafka's admin API (`rd_kafka_ListConsumerGroups`), which the
//! rdkafka crate does not wrap. Unlike `rd_kafka_list_groups` it sends no DescribeGroups,
//! so it lists the groups of brokers that cannot describe them (tansu 0.6).

use std::ffi::CStr;
use std::time::{Duration, Instant};

use rdkafka::admin::AdminClient;
use rdkafka::bindings as rd;
use rdkafka::client::DefaultClientContext;

/// `(group id, state)` of every group, or the broker's/client's error text.
pub fn list_consumer_groups(
    admin: &AdminClient<DefaultClientContext>,
    timeout: Duration,
) -> Result<Vec<(String, String)>, String> {
    let rk = admin.inner().native_ptr();
    // SAFETY: every handle created here is checked for null and destroyed on every path;
    // `rk` outlives the call because `admin` is borrowed for its duration; strings are
    // copied out before the event that owns them is destroyed.
    unsafe {
        let options = rd::rd_kafka_AdminOptions_new(
            rk,
            rd::rd_kafka_admin_op_t::RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS,
        );
        if options.is_null() {
            return Err("cannot create admin options".into());
        }
        let mut errbuf = [0 as std::os::raw::c_char; 512];
        rd::rd_kafka_AdminOptions_set_request_timeout(
            options,
            timeout.as_millis() as i32,
            errbuf.as_mut_ptr(),
            errbuf.len(),
        );
        let queue = rd::rd_kafka_queue_new(rk);
        rd::rd_kafka_ListConsumerGroups(rk, options, queue);
        rd::rd_kafka_AdminOptions_destroy(options);

        let deadline = Instant::now() + timeout + Duration::from_secs(2);
        let mut event: *mut rd::rd_kafka_event_t = std::ptr::null_mut();
        while event.is_null() && Instant::now() < deadline {
            event = rd::rd_kafka_queue_poll(queue, 100);
        }
        if event.is_null() {
            rd::rd_kafka_queue_destroy(queue);
            return Err("no answer to ListGroups before the timeout".into());
        }
        let result = (|| {
            let err = rd::rd_kafka_event_error(event);
            if err != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR {
                return Err(text(rd::rd_kafka_event_error_string(event))
                    .unwrap_or_else(|| format!("error {err:?}")));
            }
            let res = rd::rd_kafka_event_ListConsumerGroups_result(event);
            if res.is_null() {
                return Err("unexpected answer to ListGroups".into());
            }
            let mut n = 0usize;
            let valid = rd::rd_kafka_ListConsumerGroups_result_valid(res, &mut n);
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                let g = *valid.add(i);
                let id = text(rd::rd_kafka_ConsumerGroupListing_group_id(g)).unwrap_or_default();
                let state = rd::rd_kafka_ConsumerGroupListing_state(g);
                let state = text(rd::rd_kafka_consumer_group_state_name(state))
                    .unwrap_or_else(|| "Unknown".into());
                out.push((id, state));
            }
            let mut m = 0usize;
            let errors = rd::rd_kafka_ListConsumerGroups_result_errors(res, &mut m);
            if out.is_empty() && m > 0 {
                return Err(text(rd::rd_kafka_error_string(*errors))
                    .unwrap_or_else(|| "ListGroups failed".into()));
            }
            Ok(out)
        })();
        rd::rd_kafka_event_destroy(event);
        rd::rd_kafka_queue_destroy(queue);
        result
    }
}

unsafe fn text(p: *const std::os::raw::c_char) -> Option<String> {
    if p.is_null() {
        None
    } else {
        Some(CStr::from_ptr(p).to_string_lossy().into_owned())
    }
}
