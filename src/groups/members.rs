//! Who is in a group: the members DescribeGroups reports, with the partitions assigned to
//! each decoded from the assignment bytes.

use serde::Serialize;

/// A member as DescribeGroups reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub member_id: String,
    pub client_id: String,
    pub host: String,
    /// Partitions assigned to the member: `{topic, partitions}`.
    pub assignment: Vec<TopicPartitions>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TopicPartitions {
    pub topic: String,
    pub partitions: Vec<i32>,
}

/// What DescribeGroups said about a group, or why it could not say.
#[derive(Debug, Clone)]
pub struct Described {
    pub state: Option<String>,
    /// `None`: the broker did not describe the group (the reason is in `error`).
    pub members: Option<Vec<Member>>,
    pub error: Option<String>,
}

/// Decode a ConsumerProtocolAssignment (version, [topic, [partition]], user data).
/// Anything that does not parse gives what was read so far.
pub fn decode_assignment(b: &[u8]) -> Vec<TopicPartitions> {
    let mut r = Reader { b, at: 0 };
    let mut out = Vec::new();
    let parse = |r: &mut Reader, out: &mut Vec<TopicPartitions>| -> Option<()> {
        let _version = r.i16()?;
        let n = r.i32()?;
        for _ in 0..n.max(0) {
            let topic = r.string()?;
            let m = r.i32()?;
            let mut partitions = Vec::new();
            for _ in 0..m.max(0) {
                partitions.push(r.i32()?);
            }
            partitions.sort_unstable();
            out.push(TopicPartitions { topic, partitions });
        }
        Some(())
    };
    let _ = parse(&mut r, &mut out);
    out
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn i16(&mut self) -> Option<i16> {
        Some(i16::from_be_bytes(self.take(2)?.try_into().ok()?))
    }
    fn i32(&mut self) -> Option<i32> {
        Some(i32::from_be_bytes(self.take(4)?.try_into().ok()?))
    }
    fn string(&mut self) -> Option<String> {
        let n = self.i16()?;
        let s = self.take(usize::try_from(n).ok()?)?;
        Some(String::from_utf8_lossy(s).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignment_bytes_decode_to_topics_and_partitions() {
        let mut b = vec![0, 1];
        b.extend(1i32.to_be_bytes());
        b.extend(3i16.to_be_bytes());
        b.extend(b"abc");
        b.extend(2i32.to_be_bytes());
        b.extend(2i32.to_be_bytes());
        b.extend(0i32.to_be_bytes());
        b.extend((-1i32).to_be_bytes());
        assert_eq!(
            decode_assignment(&b),
            vec![TopicPartitions {
                topic: "abc".into(),
                partitions: vec![0, 2]
            }]
        );
        assert!(decode_assignment(&[0]).is_empty());
    }
}
