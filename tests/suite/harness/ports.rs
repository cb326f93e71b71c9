//! Ports for the servers a test run starts.

use std::net::TcpListener;

/// A port for a server of the run, with the one above it free too (Kafka engines may use
/// port + 1 as a controller port, Flink its RPC port).
///
/// Chosen below the system's ephemeral range (`ip_local_port_range`): a port the kernel
/// hands out for outgoing connections can be taken by any client between the choice and
/// the server's bind, which a busy suite with JVMs beside it did (Flink exited with
/// BindException in CI). A port below the range is taken only by another listener.
pub fn free_port() -> u16 {
    // Ports are handed out once per process so two servers never get the same one.
    static USED: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let (low, high) = quiet_port_range();
    let span = u64::from(high - low);
    let mut seed = u64::from(std::process::id()).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
    for _ in 0..10_000 {
        // xorshift: any spread over the range will do.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let port = low + (seed % span) as u16;
        let mut used = USED.lock().unwrap();
        if used.contains(&port) || used.contains(&(port + 1)) {
            continue;
        }
        if TcpListener::bind(("127.0.0.1", port)).is_err()
            || TcpListener::bind(("127.0.0.1", port + 1)).is_err()
        {
            continue;
        }
        used.push(port);
        used.push(port + 1);
        return port;
    }
    panic!("no two free ports next to each other in {low}..{high}");
}

/// Where [`free_port`] chooses: from 10000 up to the ephemeral range's start (Linux's
/// `/proc/sys/net/ipv4/ip_local_port_range`; 32768 elsewhere, the usual default).
fn quiet_port_range() -> (u16, u16) {
    let start = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|t| t.split_whitespace().next()?.parse::<u16>().ok())
        .unwrap_or(32768);
    if start > 12_000 {
        (10_000, start - 1)
    } else {
        // A system whose ephemeral range starts low: no quiet range, take any port.
        (start.max(1024), 65_000)
    }
}
