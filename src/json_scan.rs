//! A scanner of the common JSON document: strings without escapes, numbers without
//! exponents, nesting to [`MAX_DEPTH`]. It reads values straight from the text (strings
//! and numbers borrowed) for the readers that pick a few members out of many events
//! (`stream/wanted.rs`, `consumers/sink`). At anything else it gives up without a verdict
//! (`None`), and the caller's serde_json reader reads the document again and decides: what
//! the scanner accepts, serde_json accepts and reads the same (unit tests beside each
//! caller, and the `stream_event` fuzz target).

/// Deeper than this, the scanner gives up (serde_json allows 128 levels).
pub const MAX_DEPTH: u32 = 100;

pub struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Scan<'a> {
    pub fn new(b: &'a [u8]) -> Scan<'a> {
        Scan { b, i: 0 }
    }

    pub fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Past JSON's whitespace.
    pub fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    /// Nothing but whitespace is left.
    pub fn end(&mut self) -> Option<()> {
        self.ws();
        (self.i == self.b.len()).then_some(())
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        self.ws();
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// Any value, checked and not kept; `depth` is the nesting it is at.
    pub fn skip(&mut self, depth: u32) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'{' => self.object(depth + 1, |s, _, d| s.skip(d)),
            b'[' => self.array(depth + 1),
            b'"' => self.string().map(drop),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number().map(drop),
        }
    }

    /// Any value, checked: its text.
    pub fn value_text(&mut self, depth: u32) -> Option<&'a [u8]> {
        self.ws();
        let start = self.i;
        self.skip(depth)?;
        Some(&self.b[start..self.i])
    }

    /// The object starting here, at nesting `depth` (its own): `member` is called with each
    /// member's name, the scanner before its value, and must read the value.
    pub fn object(
        &mut self,
        depth: u32,
        mut member: impl FnMut(&mut Scan<'a>, &'a str, u32) -> Option<()>,
    ) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.eat(b'{')?;
        self.ws();
        if self.peek()? == b'}' {
            self.i += 1;
            return Some(());
        }
        loop {
            self.ws();
            if self.peek()? != b'"' {
                return None;
            }
            let name = self.string()?;
            self.eat(b':')?;
            member(self, name, depth)?;
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: u32) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.eat(b'[')?;
        self.ws();
        if self.peek()? == b']' {
            self.i += 1;
            return Some(());
        }
        loop {
            self.skip(depth)?;
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// The string starting here, without escapes or control characters, valid UTF-8: its
    /// text between the quotes. Eight bytes at a time while none of them is a quote, a
    /// backslash, a control character or past ASCII.
    pub fn string(&mut self) -> Option<&'a str> {
        const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
        const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
        let zero_in = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
        self.ws();
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.i + 1;
        let rest = &self.b[start..];
        let mut n = 0;
        while let Some(chunk) = rest.get(n..n + 8) {
            let x = u64::from_ne_bytes(chunk.try_into().ok()?);
            if x & HIGH != 0
                || x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0
                || zero_in(x ^ (ONES * u64::from(b'"')))
                || zero_in(x ^ (ONES * u64::from(b'\\')))
            {
                break;
            }
            n += 8;
        }
        let mut seen = 0u8;
        loop {
            let c = *rest.get(n)?;
            if c == b'"' {
                break;
            }
            if c == b'\\' || c < 0x20 {
                return None;
            }
            seen |= c;
            n += 1;
        }
        self.i = start + n + 1;
        let text = &rest[..n];
        if seen < 0x80 {
            debug_assert!(text.is_ascii());
            // SAFETY: no byte of `text` is past 0x7f: the eight-byte steps stopped at any
            // such byte and the byte steps saw none, and ASCII is UTF-8.
            Some(unsafe { std::str::from_utf8_unchecked(text) })
        } else {
            std::str::from_utf8(text).ok()
        }
    }

    /// `true`, `false` or `null`, as given.
    pub fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.ws();
        self.b[self.i..]
            .starts_with(word)
            .then(|| self.i += word.len())
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?` and no longer than any double can hold without an
    /// exponent (what serde_json reads as a finite number): its text.
    pub fn number(&mut self) -> Option<&'a str> {
        self.ws();
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            let before = self.i;
            self.digits();
            if self.i == before {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) || self.i - start > 300 {
            return None;
        }
        // ASCII digits, a sign and a point.
        std::str::from_utf8(&self.b[start..self.i]).ok()
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
    }
}
