//! The one way livedbctl calls librdkafka's admin API where the rdkafka crate does not
//! wrap it (ListConsumerGroups in `groups::ffi`, IncrementalAlterConfigs in
//! `kafka::admin::incremental`): admin options with the request timeout, a reply queue,
//! the request, waiting for its event, the event's error, and freeing all of it on every
//! path. Callers only build the request and read the result.

use std::ffi::CStr;
use std::time::{Duration, Instant};

use rdkafka::admin::AdminClient;
use rdkafka::bindings as rd;
use rdkafka::client::DefaultClientContext;

/// Why an admin request gave no result to read.
pub enum AdminFailure {
    /// The client could not set the request up, or no answer came in time.
    Client(String),
    /// The answer carries an error for the whole request.
    Event(rd::rd_kafka_resp_err_t, Option<String>),
}

/// Send one admin request of kind `op`: `send(rk, options, queue)` enqueues it, then the
/// answer's event (error-free) is handed to `read`. `what` names the request in messages.
///
/// # Safety
/// `send` must enqueue exactly one request of kind `op` on `queue` with `options` (it must
/// not free them); `read` must not keep pointers into the event past its return.
pub unsafe fn admin_request<T, E: From<AdminFailure>>(
    admin: &AdminClient<DefaultClientContext>,
    op: rd::rd_kafka_admin_op_t,
    what: &str,
    timeout: Duration,
    send: impl FnOnce(*mut rd::rd_kafka_t, *mut rd::rd_kafka_AdminOptions_t, *mut rd::rd_kafka_queue_t),
    read: impl FnOnce(*mut rd::rd_kafka_event_t) -> Result<T, E>,
) -> Result<T, E> {
    let rk = admin.inner().native_ptr();
    let options = rd::rd_kafka_AdminOptions_new(rk, op);
    if options.is_null() {
        return Err(AdminFailure::Client(format!("cannot create the options of {what}")).into());
    }
    let mut errbuf = [0 as std::os::raw::c_char; 512];
    rd::rd_kafka_AdminOptions_set_request_timeout(
        options,
        timeout.as_millis().min(i32::MAX as u128) as i32,
        errbuf.as_mut_ptr(),
        errbuf.len(),
    );
    let queue = rd::rd_kafka_queue_new(rk);
    send(rk, options, queue);
    rd::rd_kafka_AdminOptions_destroy(options);

    // The request timeout is the broker's; the client's own retries may add a little.
    let deadline = Instant::now() + timeout + Duration::from_secs(5);
    let mut event: *mut rd::rd_kafka_event_t = std::ptr::null_mut();
    while event.is_null() && Instant::now() < deadline {
        event = rd::rd_kafka_queue_poll(queue, 100);
    }
    if event.is_null() {
        rd::rd_kafka_queue_destroy(queue);
        return Err(AdminFailure::Client(format!("no answer to {what} before the timeout")).into());
    }
    let err = rd::rd_kafka_event_error(event);
    let result = if err != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR {
        Err(AdminFailure::Event(err, text(rd::rd_kafka_event_error_string(event))).into())
    } else {
        read(event)
    };
    rd::rd_kafka_event_destroy(event);
    rd::rd_kafka_queue_destroy(queue);
    result
}

/// A C string owned by librdkafka, copied out.
///
/// # Safety
/// `p` is null or points to a NUL-terminated string that lives for the call.
pub unsafe fn text(p: *const std::os::raw::c_char) -> Option<String> {
    if p.is_null() {
        None
    } else {
        Some(CStr::from_ptr(p).to_string_lossy().into_owned())
    }
}
