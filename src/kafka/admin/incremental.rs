//! The raw librdkafka call behind `alter_topic_configs` (IncrementalAlterConfigs, KIP-339),
//! which rdkafka 0.39 does not wrap: the config resource is built here, the request's
//! plumbing is `kafka::ffi`'s.

use std::ffi::CString;
use std::time::Duration;

use rdkafka::admin::AdminClient;
use rdkafka::bindings as rd;
use rdkafka::client::DefaultClientContext;
use rdkafka::types::RDKafkaErrorCode;

use super::ConfigChange;
use crate::kafka::ffi::{admin_request, text, AdminFailure};

pub enum Failure {
    Broker(RDKafkaErrorCode, Option<String>),
    Client(String),
}

impl From<AdminFailure> for Failure {
    fn from(f: AdminFailure) -> Failure {
        match f {
            AdminFailure::Client(m) => Failure::Client(m),
            AdminFailure::Event(err, msg) => {
                let code: RDKafkaErrorCode = err.into();
                // No broker reached, or no answer in time: the client's failure, not a
                // refusal by the broker.
                if crate::kafka::connection::is_connection_loss(code)
                    || code == RDKafkaErrorCode::OperationTimedOut
                {
                    Failure::Client(msg.unwrap_or_else(|| code.to_string()))
                } else {
                    Failure::Broker(code, msg)
                }
            }
        }
    }
}

fn cstr(s: &str) -> Result<CString, Failure> {
    CString::new(s).map_err(|_| Failure::Client(format!("`{s}` contains a NUL byte")))
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
    // SAFETY: the resource is created here, checked for null, and destroyed on every path
    // (after the request copied it); the request is enqueued once with the options and
    // queue it is given; error strings are copied out before their event is destroyed.
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
        let result = admin_request(
            admin,
            rd::rd_kafka_admin_op_t::RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS,
            "IncrementalAlterConfigs",
            timeout,
            |rk, options, queue| {
                rd::rd_kafka_IncrementalAlterConfigs(rk, &mut resource, 1, options, queue)
            },
            |event| {
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
            },
        );
        rd::rd_kafka_ConfigResource_destroy(resource);
        result
    }
}
