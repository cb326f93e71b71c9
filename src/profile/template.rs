//! The commented template `profile init` writes.

/// The commented template written by `profile init`.
pub fn template(name: &str) -> String {
    format!(
        r#"# livedbctl profile `{name}`.
# Values may reference the environment: ${{VAR}} or ${{VAR:-default}}.
# Precedence: command-line flag > environment variable > this file > built-in default.

postgres:
  # Either a URL (DATABASE_URL overrides it) ...
  # url: postgresql://livedb:${{DB_PASSWORD}}@127.0.0.1:5432/livedb?sslmode=disable
  # ... or the parts (DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, DB_SSL override them).
  host: 127.0.0.1
  port: 5432
  dbname: livedb
  user: livedb
  password: ${{DB_PASSWORD:-livedb}}
  sslmode: disable          # disable | prefer | require | verify-ca | verify-full (hosted: verify-full)
  # sslrootcert: ca.pem     # trusted roots (default: system, the OS's roots; verify-ca needs a file)
  # sslcert: client.crt     # client certificate and key, for servers that ask for one
  # sslkey: client.key      # (paths relative to this file; PGSSLROOTCERT, PGSSLCERT, PGSSLKEY override)

kafka:
  brokers: 127.0.0.1:9092   # KAFKA_BROKER overrides; a list or comma-separated
  client_id: livedbctl      # KAFKA_CLIENT_ID overrides
  topic: db_live_events     # KAFKA_TOPIC overrides: where `produce poll` writes
  properties: {{}}            # librdkafka properties, e.g. security.protocol: SASL_SSL

redis:
  url: redis://127.0.0.1:6379   # REDIS_URL overrides

# connect:
#   url: http://127.0.0.1:8083  # Kafka Connect REST API, for remote Debezium connectors

# flink:                        # for `stream submit|list|status|cancel`, and `infra up`
#   url: http://127.0.0.1:8081  # the JobManager's REST API (FLINK_URL overrides; RPC: port + 1)
#   sql_gateway_url: http://127.0.0.1:8083   # send SQL through a SQL Gateway instead of the runner
#   home: /opt/flink            # FLINK_HOME overrides; its lib/ builds the SQL runner

topics:                     # what `infra up` and `topic create` (no name) create
  - name: db_live_events
    partitions: 3
    replication_factor: 1
    configs:
      retention.ms: 604800000

infra:
  # state_dir: ../.livedb/{name}   # data, logs, pid records (relative to this file)
  services: [postgres, kafka, redis]   # add flink for a local Flink cluster (flink.home)
  kafka_engine: auto        # auto | apache | redpanda | tansu
  start_timeout_secs: 60
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::parse;

    #[test]
    fn template_parses() {
        let p = parse(&template("x"), "t").unwrap();
        assert_eq!(p.topics.unwrap()[0].name, "db_live_events");
    }
}
