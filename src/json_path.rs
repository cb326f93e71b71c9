//! Dotted paths into JSON events (`customer.address.city`, `items.0.sku`), shared by the
//! producers and consumers that pick a key or a column out of an event.

use serde_json::Value;

/// The value at `path`, or `None` when some step is missing. An empty path is the event.
pub fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(v);
    }
    // An exact top-level field wins, so names that contain dots still work.
    if let Some(found) = v.as_object().and_then(|o| o.get(path)) {
        return Some(found);
    }
    path.split('.').try_fold(v, |cur, step| match cur {
        Value::Object(o) => o.get(step),
        Value::Array(a) => step.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

/// A field as text for keys and topic names: strings bare, everything else as JSON.
pub fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn walks_objects_and_arrays() {
        let v = json!({"customer": {"address": {"city": "Oslo"}}, "items": [{"sku": 7}], "a.b": 1});
        assert_eq!(lookup(&v, "customer.address.city"), Some(&json!("Oslo")));
        assert_eq!(lookup(&v, "items.0.sku"), Some(&json!(7)));
        assert_eq!(lookup(&v, "a.b"), Some(&json!(1)));
        assert_eq!(lookup(&v, "customer.zip"), None);
        assert_eq!(as_text(&json!(7)), "7");
        assert_eq!(as_text(&json!("x")), "x");
    }
}
