//! The raw librdkafka call behind `alter_topic_configs` (IncrementalAlterConfigs, KIP-339),
//! which rdkafka 0.39 does not wrap: the only FFI in livedbctl, kept small and apart.

use std::ffi::{CStr, CString};
use std::time::{Duration, Instant};

use rdkafka::admin::AdminClient;
use rdkafka::bindings as rd;
use rdkafka::client::DefaultClientContext;
use rdkafka::types::RDKafkaErrorCode;

use super::ConfigChange;

pub enum Failure {
    Broker(RDKafkaErrorCode, Option<String>),
    Client(String),
}

fn cstr(s: &str) -> Result<CString, Failure> {
    CString::new(s).map_err(|_| Failure::Client(format!("`{s}` contains a NUL byte")))
}

unsafe fn text(p: *const std::os::raw::c_char) -> Option<String> {
    if p.is_null() {
        None
    } else {
        Some(CStr::from_ptr(p).to_string_lossy().into_owned())
    }
}

pub fn alter(
    admin: &AdminClient<DefaultClientContext>,
    topic: &str,
    changes: &[ConfigChange],
    timeout: Duration,
) -> Result<(), Failure> {
    let name = cstr(topic)?;
    let owned: Vec<(CString, Option<CString>, rd::rd_kafka_AlterConfigOpType_t)> = changes
        .iter()
        .map(|c| match c {
            ConfigChange::Set { name, value } => Ok((
                cstr(name)?,
                Some(cstr(value)?),
                rd::rd_kafka_AlterConfigOpType_t::RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET,
            )),
            ConfigChange::Delete { name } => Ok((
                cstr(name)?,
                None,
                rd::rd_kafka_AlterConfigOpType_t::RD_KAFKA_ALTER_CONFIG_OP_TYPE_DELETE,
            )),
        })
        .collect::<Result<_, Failure>>()?;
    let rk = admin.inner().native_ptr();
    // SAFETY: every pointer below is created here, checked for null, and destroyed on
    // every path; `rk` outlives the call because `admin` is borrowed for its duration.
    unsafe {
        let mut resource = rd::rd_kafka_ConfigResource_new(
            rd::rd_kafka_ResourceType_t::RD_KAFKA_RESOURCE_TOPIC,
            name.as_ptr(),
        );
        if resource.is_null() {
            return Err(Failure::Client("cannot build the config resource".into()));
        }
        for (key, value, op) in &owned {
            let err = rd::rd_kafka_ConfigResource_add_incremental_config(
                resource,
                key.as_ptr(),
                *op,
                value.as_ref().map_or(std::ptr::null(), |v| v.as_ptr()),
            );
            if !err.is_null() {
                let msg = text(rd::rd_kafka_error_string(err)).unwrap_or_default();
                rd::rd_kafka_error_destroy(err);
                rd::rd_kafka_ConfigResource_destroy(resource);
                return Err(Failure::Broker(RDKafkaErrorCode::InvalidConfig, Some(msg)));
            }
        }
        let options = rd::rd_kafka_AdminOptions_new(
            rk,
            rd::rd_kafka_admin_op_t::RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS,
        );
        let mut errbuf = [0 as std::os::raw::c_char; 512];
        rd::rd_kafka_AdminOptions_set_request_timeout(
            options,
            timeout.as_millis() as i32,
            errbuf.as_mut_ptr(),
            errbuf.len(),
        );
        let queue = rd::rd_kafka_queue_new(rk);
        rd::rd_kafka_IncrementalAlterConfigs(rk, &mut resource, 1, options, queue);
        rd::rd_kafka_AdminOptions_destroy(options);
        rd::rd_kafka_ConfigResource_destroy(resource);

        let deadline = Instant::now() + timeout + Duration::from_secs(5);
        let mut event: *mut rd::rd_kafka_event_t = std::ptr::null_mut();
        while event.is_null() && Instant::now() < deadline {
            event = rd::rd_kafka_queue_poll(queue, 200);
        }
        if event.is_null() {
            rd::rd_kafka_queue_destroy(queue);
            return Err(Failure::Client(
                "no answer to IncrementalAlterConfigs before the timeout".into(),
            ));
        }
        let result = (|| {
            let err = rd::rd_kafka_event_error(event);
            if err != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR {
                let code: RDKafkaErrorCode = err.into();
                let msg = text(rd::rd_kafka_event_error_string(event));
                return match code {
                    RDKafkaErrorCode::BrokerTransportFailure
                    | RDKafkaErrorCode::AllBrokersDown
                    | RDKafkaErrorCode::OperationTimedOut => {
                        Err(Failure::Client(msg.unwrap_or_else(|| code.to_string())))
                    }
                    _ => Err(Failure::Broker(code, msg)),
                };
            }
            let res = rd::rd_kafka_event_IncrementalAlterConfigs_result(event);
            if res.is_null() {
                return Err(Failure::Client(
                    "unexpected answer to IncrementalAlterConfigs".into(),
                ));
            }
            let mut n = 0usize;
            let resources = rd::rd_kafka_IncrementalAlterConfigs_result_resources(res, &mut n);
            for i in 0..n {
                let r = *resources.add(i);
                let err = rd::rd_kafka_ConfigResource_error(r);
                if err != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR {
                    return Err(Failure::Broker(
                        err.into(),
                        text(rd::rd_kafka_ConfigResource_error_string(r)),
                    ));
                }
            }
            Ok(())
        })();
        rd::rd_kafka_event_destroy(event);
        rd::rd_kafka_queue_destroy(queue);
        result
    }
}
