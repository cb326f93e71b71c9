//! Reading only the fields a job uses from an event's JSON. The whole text is still
//! checked (what is not one JSON document is `NotJson`, as before), but only the wanted
//! members are built as values: a `serde_json::Value` of the whole event, with a map and a
//! string per member, was most of `stream run`'s own CPU per event (perf, 1M events).
//!
//! Two readers fill the same slots, one per wanted member. The first scans the common
//! document (`json_scan`: strings without escapes, numbers without exponents) and borrows
//! the wanted strings from the text; at anything else it gives up without a verdict and
//! serde_json's reader, the reference, reads the document again and decides. Whatever the
//! first reader accepts, serde_json accepts and reads the same (a unit test holds the two
//! equal over generated and mangled documents; so does the `stream_event` fuzz target).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use crate::json_scan::Scan;

/// The paths a job reads, as a tree of member names flattened in preorder: node 0 is the
/// document, a node's subtree the nodes from it to its `end`.
#[derive(Debug, Clone, PartialEq)]
pub struct Wanted {
    nodes: Vec<WantedNode>,
}

#[derive(Debug, Clone, PartialEq)]
struct WantedNode {
    name: String,
    /// The value here is read as a whole (a path ends here).
    whole: bool,
    children: Vec<usize>,
    /// One past the last node of its subtree.
    end: usize,
}

/// The tree while paths are added.
#[derive(Default)]
struct Tree {
    whole: bool,
    children: Vec<(String, Tree)>,
}

impl Tree {
    fn add(&mut self, path: &[String]) {
        let Some((first, rest)) = path.split_first() else {
            self.whole = true;
            return;
        };
        let i = match self.children.iter().position(|(k, _)| k == first) {
            Some(i) => i,
            None => {
                self.children.push((first.clone(), Tree::default()));
                self.children.len() - 1
            }
        };
        self.children[i].1.add(rest);
    }

    fn flatten(self, name: String, nodes: &mut Vec<WantedNode>) -> usize {
        let id = nodes.len();
        nodes.push(WantedNode {
            name,
            whole: self.whole,
            children: Vec::new(),
            end: 0,
        });
        for (child_name, child) in self.children {
            let c = child.flatten(child_name, nodes);
            nodes[id].children.push(c);
        }
        nodes[id].end = nodes.len();
        id
    }
}

/// What a document holds where a member is wanted.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot<'a> {
    /// Not in the document.
    Missing,
    /// Null.
    Null,
    /// Neither null nor an object where members were wanted: a path through it finds
    /// nothing.
    Other,
    /// An object some of whose members are wanted: those present are in their slots, each
    /// once (the last one, when a name is used twice).
    Object,
    /// A string a path ends at, borrowed from the text.
    Str(&'a str),
    /// Any other value a path ends at, as the whole document's `Value` holds it.
    Value(Value),
}

/// A document's wanted members: one slot per node of the [`Wanted`] tree. A path through
/// them finds what it would find in the whole document's `Value`.
#[derive(Debug)]
pub struct Parsed<'a> {
    wanted: &'a Wanted,
    slots: Vec<Slot<'a>>,
}

impl<'a> Parsed<'a> {
    /// The document's own slot.
    pub const ROOT: usize = 0;

    pub fn slot(&self, id: usize) -> &Slot<'a> {
        &self.slots[id]
    }

    /// The same members found, with the same values (a string borrowed from the text
    /// equal to the same string as a value).
    pub fn same_as(&self, other: &Parsed<'_>) -> bool {
        fn text<'s>(s: &'s Slot<'_>) -> Option<&'s str> {
            match s {
                Slot::Str(t) => Some(t),
                Slot::Value(Value::String(t)) => Some(t),
                _ => None,
            }
        }
        self.wanted == other.wanted
            && self.slots.len() == other.slots.len()
            && self
                .slots
                .iter()
                .zip(&other.slots)
                .all(|(a, b)| match (text(a), text(b)) {
                    (Some(x), Some(y)) => x == y,
                    (None, None) => a == b,
                    _ => false,
                })
    }

    /// The slot of member `name` of the object at `id`, if it is there.
    pub fn member(&self, id: usize, name: &str) -> Option<usize> {
        if !matches!(self.slots[id], Slot::Object) {
            return None;
        }
        self.wanted.nodes[id]
            .children
            .iter()
            .copied()
            .find(|&c| self.wanted.nodes[c].name == name && !matches!(self.slots[c], Slot::Missing))
    }
}

impl Wanted {
    pub fn new<'p>(paths: impl IntoIterator<Item = &'p [String]>) -> Wanted {
        let mut tree = Tree::default();
        for p in paths {
            tree.add(p);
        }
        let mut nodes = Vec::new();
        tree.flatten(String::new(), &mut nodes);
        Wanted { nodes }
    }

    /// The document's wanted members. None when the bytes are not one JSON document,
    /// checked as strictly as parsing it whole into a `Value`.
    pub fn parse<'a>(&'a self, bytes: &'a [u8]) -> Option<Parsed<'a>> {
        self.scan(bytes).or_else(|| self.read(bytes))
    }

    /// The first reader alone: `None` gives no verdict. (`parse` and the fuzz target.)
    pub fn scan<'a>(&'a self, bytes: &'a [u8]) -> Option<Parsed<'a>> {
        let mut slots = vec![Slot::Missing; self.nodes.len()];
        scan_into(self, bytes, &mut slots)?;
        Some(Parsed {
            wanted: self,
            slots,
        })
    }

    /// The reference reader alone, serde_json's: `None` when the bytes are not one JSON
    /// document.
    pub fn read<'a>(&'a self, bytes: &'a [u8]) -> Option<Parsed<'a>> {
        let mut slots = vec![Slot::Missing; self.nodes.len()];
        let mut de = serde_json::Deserializer::from_slice(bytes);
        Fill {
            wanted: self,
            id: Parsed::ROOT,
            slots: &mut slots,
        }
        .deserialize(&mut de)
        .ok()?;
        de.end().ok()?;
        Some(Parsed {
            wanted: self,
            slots,
        })
    }

    /// The slots of the steps of `path` under the member at `base` (both from the
    /// document), if every step is wanted.
    pub fn slots_of(&self, base: &[String], path: &[String]) -> Option<Vec<usize>> {
        let mut id = Parsed::ROOT;
        for name in base {
            id = self.child(id, name)?;
        }
        path.iter()
            .map(|name| {
                id = self.child(id, name)?;
                Some(id)
            })
            .collect()
    }

    /// Before a member's value is read (again, when its name is used twice): nothing of
    /// an earlier one is left in its subtree.
    fn clear(&self, id: usize, slots: &mut [Slot<'_>]) {
        slots[id..self.nodes[id].end].fill(Slot::Missing);
    }

    fn child(&self, id: usize, name: &str) -> Option<usize> {
        self.nodes[id]
            .children
            .iter()
            .copied()
            .find(|&c| self.nodes[c].name == name)
    }
}

/// The first reader: the common document, by [`Scan`], into the slots. `None` gives no
/// verdict: the reference reader reads the document again.
fn scan_into<'a>(wanted: &Wanted, b: &'a [u8], slots: &mut [Slot<'a>]) -> Option<()> {
    let mut s = Scan::new(b);
    scan_value(&mut s, wanted, Parsed::ROOT, slots, 0)?;
    s.end()
}

/// A value, into the slot of wanted node `id`.
fn scan_value<'a>(
    s: &mut Scan<'a>,
    wanted: &Wanted,
    id: usize,
    slots: &mut [Slot<'a>],
    depth: u32,
) -> Option<()> {
    s.ws();
    let c = s.peek()?;
    let slot = if wanted.nodes[id].whole {
        match c {
            b'"' => Slot::Str(s.string()?),
            b'n' => s.literal(b"null").map(|()| Slot::Null)?,
            _ => Slot::Value(serde_json::from_slice(s.value_text(depth)?).ok()?),
        }
    } else {
        match c {
            b'{' => {
                slots[id] = Slot::Object;
                return s.object(depth + 1, |s, name, depth| match wanted.child(id, name) {
                    Some(c) => {
                        wanted.clear(c, slots);
                        scan_value(s, wanted, c, slots, depth)
                    }
                    None => s.skip(depth),
                });
            }
            b'n' => s.literal(b"null").map(|()| Slot::Null)?,
            _ => s.skip(depth).map(|()| Slot::Other)?,
        }
    };
    slots[id] = slot;
    Some(())
}

/// The reference reader: serde_json's, filling the slots under `id`.
struct Fill<'s, 'a> {
    wanted: &'a Wanted,
    id: usize,
    slots: &'s mut [Slot<'a>],
}

impl<'de> DeserializeSeed<'de> for Fill<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.wanted.nodes[self.id].whole {
            let v = Value::deserialize(d)?;
            self.slots[self.id] = if v.is_null() {
                Slot::Null
            } else {
                Slot::Value(v)
            };
            return Ok(());
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Fill<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.slots[self.id] = Slot::Null;
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.slots[self.id] = Slot::Other;
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.slots[self.id] = Slot::Other;
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.slots[self.id] = Slot::Other;
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.slots[self.id] = Slot::Other;
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.slots[self.id] = Slot::Other;
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<Unwanted>()?.is_some() {}
        self.slots[self.id] = Slot::Other;
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.slots[self.id] = Slot::Object;
        while let Some(found) = map.next_key_seed(Key(self.wanted, self.id))? {
            match found {
                Some(c) => {
                    // A name used twice: the last one counts, as in the whole value.
                    self.wanted.clear(c, self.slots);
                    map.next_value_seed(Fill {
                        wanted: self.wanted,
                        id: c,
                        slots: &mut *self.slots,
                    })?;
                }
                None => {
                    map.next_value::<Unwanted>()?;
                }
            }
        }
        Ok(())
    }
}

/// A value no path reads: checked as the whole value's parse checks it (strings are valid
/// UTF-8 without lone surrogates, numbers fit a double), which serde's `IgnoredAny` does
/// not do, but not kept. Strings without escapes are borrowed, so nothing is allocated.
struct Unwanted;

impl<'de> Deserialize<'de> for Unwanted {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Unwanted, D::Error> {
        d.deserialize_any(UnwantedVisitor)
    }
}

struct UnwantedVisitor;

impl<'de> Visitor<'de> for UnwantedVisitor {
    type Value = Unwanted;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Unwanted, E> {
        Ok(Unwanted)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Unwanted, E> {
        Ok(Unwanted)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unwanted, E> {
        Ok(Unwanted)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unwanted, E> {
        Ok(Unwanted)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unwanted, E> {
        Ok(Unwanted)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unwanted, E> {
        Ok(Unwanted)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unwanted, A::Error> {
        while seq.next_element::<Unwanted>()?.is_some() {}
        Ok(Unwanted)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unwanted, A::Error> {
        while map.next_key::<Unwanted>()?.is_some() {
            map.next_value::<Unwanted>()?;
        }
        Ok(Unwanted)
    }
}

/// A member name, looked up among the wanted children of a node without being copied.
struct Key<'a>(&'a Wanted, usize);

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for Key<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self.0.child(self.1, name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wanted members as a `Value` to compare with (`Other` as the text "other").
    fn shown(p: &Parsed, id: usize) -> Value {
        match p.slot(id) {
            Slot::Value(v) => v.clone(),
            Slot::Str(s) => Value::from(*s),
            Slot::Object => Value::Object(
                p.wanted.nodes[id]
                    .children
                    .iter()
                    .filter(|&&c| p.slots[c] != Slot::Missing)
                    .map(|&c| (p.wanted.nodes[c].name.clone(), shown(p, c)))
                    .collect(),
            ),
            Slot::Null => Value::Null,
            Slot::Other => Value::from("other"),
            Slot::Missing => Value::from("missing"),
        }
    }

    fn parsed(w: &Wanted, text: &[u8]) -> Option<Value> {
        w.parse(text).map(|p| shown(&p, Parsed::ROOT))
    }

    /// What the reference reader alone makes of the text.
    fn reference(w: &Wanted, text: &[u8]) -> Option<Value> {
        w.read(text).map(|p| shown(&p, Parsed::ROOT))
    }

    /// What the first reader alone makes of it (`None`: no verdict).
    fn scanned(w: &Wanted, text: &[u8]) -> Option<Value> {
        w.scan(text).map(|p| shown(&p, Parsed::ROOT))
    }

    fn wanted(paths: &[&str]) -> Wanted {
        let split: Vec<Vec<String>> = paths
            .iter()
            .map(|p| p.split('.').map(String::from).collect())
            .collect();
        Wanted::new(split.iter().map(Vec::as_slice))
    }

    #[test]
    fn only_the_wanted_members_are_kept_as_the_whole_value_holds_them() {
        let w = wanted(&[
            "meta.created_at",
            "payload.amount",
            "payload.region",
            "tags",
        ]);
        let text = br#" {"id":1,"payload":{"org":"A \"B\"","amount":"1.50","region":"eu","x":[1,{"y":2}]},
            "tags":{"a":[1,2.50,null]},"meta":{"created_at":"2026-01-01T00:00:00Z","source":"s"}} "#;
        assert_eq!(
            parsed(&w, text).unwrap(),
            serde_json::json!({"payload":{"amount":"1.50","region":"eu"},"tags":{"a":[1,2.5,null]},
                "meta":{"created_at":"2026-01-01T00:00:00Z"}})
        );
    }

    #[test]
    fn what_is_not_json_is_refused_as_before() {
        let w = wanted(&["a"]);
        for bad in [
            &b"not json"[..],
            b"{\"a\":1",
            b"{\"a\":1} x",
            b"{\"a\":1,\"b\":NaN}",
            b"{\"a\":1,\"b\":\"\xff\"}",
            b"{\"b\":[1,}",
            b"{\"a\":1,\"b\":\"\\ud800\"}",
            b"{\"a\":1,\"b\":1e400}",
            b"{\"a\":1,\"b\":\"\x01\"}",
            b"",
        ] {
            assert_eq!(parsed(&w, bad), None, "{}", String::from_utf8_lossy(bad));
            assert!(serde_json::from_slice::<Value>(bad).is_err());
        }
        // Nesting deeper than serde_json allows fails in an ignored member too.
        let deep = format!("{{\"b\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert_eq!(parsed(&w, deep.as_bytes()), None);
        assert!(serde_json::from_str::<Value>(&deep).is_err());
    }

    #[test]
    fn odd_shapes_find_what_the_whole_value_finds() {
        let w = wanted(&["p.q", "after.k"]);
        // Escaped member names, a member named twice, a non-object on the way, null.
        assert_eq!(
            parsed(&w, br#"{"\u0070":{"q":1},"p":{"q":2,"q":3}}"#),
            Some(serde_json::json!({"p":{"q":3}}))
        );
        assert_eq!(
            parsed(&w, br#"{"p":5,"after":[{"k":1}]}"#),
            Some(serde_json::json!({"p":"other","after":"other"}))
        );
        assert_eq!(
            parsed(&w, br#"{"p":null}"#),
            Some(serde_json::json!({"p":null}))
        );
        assert_eq!(parsed(&w, b"null"), Some(Value::Null));
        assert_eq!(parsed(&w, b"[1]"), Some(Value::from("other")));
        // A path that is also a prefix of another: the value is kept whole.
        let both = wanted(&["p", "p.q"]);
        assert_eq!(
            parsed(&both, br#"{"p":{"q":1,"r":2}}"#),
            Some(serde_json::json!({"p":{"q":1,"r":2}}))
        );
    }

    #[test]
    fn strings_are_read_whatever_the_place_of_an_odd_byte() {
        let w = wanted(&["a"]);
        let odd: [&[u8]; 8] = [
            b"\\\"",
            b"\\n",
            b"\x01",
            b"\x1f",
            "é".as_bytes(),
            b"\xff",
            b"\x7f",
            b"\\u00e9",
        ];
        for len in 0..24 {
            for at in 0..=len {
                for o in odd {
                    let mut text = br#"{"a":""#.to_vec();
                    text.extend(std::iter::repeat_n(b'x', at));
                    text.extend_from_slice(o);
                    text.extend(std::iter::repeat_n(b'y', len - at));
                    text.extend_from_slice(br#"","b":"zz"}"#);
                    let whole = serde_json::from_slice::<Value>(&text)
                        .ok()
                        .map(|v| serde_json::json!({"a": v["a"]}));
                    assert_eq!(
                        parsed(&w, &text),
                        whole,
                        "{}",
                        String::from_utf8_lossy(&text)
                    );
                    if let Some(first) = scanned(&w, &text) {
                        assert_eq!(Some(first), whole);
                    }
                }
            }
        }
    }

    /// Found by the `stream_event` fuzz target: serde_json's `Value` (built with its
    /// `raw_value` feature) refuses an object with a member named by its private RawValue
    /// token; the readers here read it as the valid JSON it is, both the same way. (A
    /// `Value` of the whole event is not built on this path, before this change or since.)
    #[test]
    fn serde_jsons_private_token_is_an_ordinary_name() {
        let text = b"{\"$serde_json::private::RawValue\":\n\n\n\n\n\n0}";
        assert!(serde_json::from_slice::<Value>(text).is_err());
        for w in [wanted(&["$serde_json::private::RawValue"]), wanted(&["k"])] {
            let (scanned, read) = (w.scan(text).unwrap(), w.read(text).unwrap());
            assert!(scanned.same_as(&read));
        }
        assert_eq!(
            parsed(&wanted(&["$serde_json::private::RawValue"]), text),
            Some(serde_json::json!({"$serde_json::private::RawValue": 0}))
        );
    }

    /// A random JSON text: objects with member names from a small set (so wanted ones come
    /// up, some twice), strings with and without escapes, numbers of every form.
    fn document(r: &mut impl FnMut(u64) -> u64, depth: u32, out: &mut String) {
        let names = ["p", "q", "a", "k", "after", "\\u0070", "x y", "é"];
        match if depth > 4 { 3 + r(5) } else { r(8) } {
            0 | 1 => {
                out.push('{');
                for i in 0..r(5) {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&format!(" \"{}\" :", names[r(names.len() as u64) as usize]));
                    document(r, depth + 1, out);
                }
                out.push('}');
            }
            2 => {
                out.push('[');
                for i in 0..r(4) {
                    if i > 0 {
                        out.push(',');
                    }
                    document(r, depth + 1, out);
                }
                out.push(']');
            }
            3 => out.push_str(["null", "true", "false"][r(3) as usize]),
            4 | 5 => out.push_str(
                [
                    "0",
                    "-0",
                    "7",
                    "-12",
                    "1.50",
                    "0.001",
                    "1e3",
                    "2E-2",
                    "123456789012345678901234567890",
                    "1e400",
                    "18446744073709551616",
                    "-9223372036854775809",
                ][r(12) as usize],
            ),
            _ => out.push_str(
                [
                    "\"eu\"",
                    "\"\"",
                    "\"2026-01-01T00:00Z\"",
                    "\"a\\\"b\"",
                    "\"\\u00e9\"",
                    "\"é\"",
                    "\"\\ud83d\\ude00\"",
                    "\"\\ud800\"",
                    "\"tab\\t\"",
                ][r(9) as usize],
            ),
        }
    }

    #[test]
    fn the_first_reader_accepts_only_what_the_reference_does_and_reads_it_the_same() {
        let mut seed = 99u64;
        let mut r = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n.max(1)
        };
        let trees = [
            wanted(&["p.q", "p.a", "after.k", "a"]),
            wanted(&["p", "p.q", "x y"]),
            wanted(&["é.k.a", "q"]),
            wanted(&[""]),
            Wanted::new([&[] as &[String]]),
        ];
        let (mut scanned_count, mut total) = (0, 0);
        for _ in 0..20_000 {
            let mut text = String::new();
            document(&mut r, 0, &mut text);
            let mut bytes = text.into_bytes();
            // One in three mangled: a byte changed, dropped or doubled.
            if r(3) == 0 && !bytes.is_empty() {
                let at = r(bytes.len() as u64) as usize;
                match r(3) {
                    0 => {
                        let odd = b"{}[],:\"\\ 0-.e\x01\xff";
                        bytes[at] = odd[r(odd.len() as u64) as usize];
                    }
                    1 => drop(bytes.remove(at)),
                    _ => bytes.insert(at, bytes[at]),
                }
            }
            for w in &trees {
                total += 1;
                let reference = reference(w, &bytes);
                if let Some(first) = w.scan(&bytes) {
                    let by_reference = w.read(&bytes);
                    assert!(by_reference.is_some_and(|r| first.same_as(&r)));
                    let first = shown(&first, Parsed::ROOT);
                    scanned_count += 1;
                    assert_eq!(
                        Some(first),
                        reference,
                        "{}",
                        String::from_utf8_lossy(&bytes)
                    );
                }
                assert_eq!(
                    parsed(w, &bytes),
                    reference,
                    "{}",
                    String::from_utf8_lossy(&bytes)
                );
            }
        }
        // Most documents are read by the first reader (the rest have escapes or exponents).
        assert!(scanned_count * 4 > total, "{scanned_count} of {total}");
    }
}
