//! A small, fast, non-cryptographic hasher for the hot paths of large panels (the FxHash of
//! rustc and Firefox: a rotate, a xor and a multiply per word). Keys come from the user's own
//! files, so hash flooding is not a concern worth SipHash's cost.

use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The hasher.
#[derive(Clone, Copy, Debug, Default)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

/// The last `r` bytes of `bytes` (1 ≤ r ≤ 7, r ≤ its length) as a little-endian word, zeros above:
/// the value of those bytes copied into a zeroed word, read with loads of a fixed size (overlapping
/// where they must) instead of a call to copy a few bytes.
#[inline]
fn tail_word(bytes: &[u8], r: usize) -> u64 {
    let n = bytes.len();
    let word = |at: usize| {
        bytes.get(at..at + 8).map_or(0, |b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    };
    let half = |at: usize| bytes.get(at..at + 4).map_or(0, |b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])));
    let quarter = |at: usize| bytes.get(at..at + 2).map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])));
    let start = n - r;
    if n >= 8 {
        // the last eight bytes, those before the rest shifted out
        word(n - 8) >> (8 * (8 - r))
    } else if r >= 4 {
        // the first four and the last four, overlapping on the same bytes
        half(start) | half(n - 4) << (8 * (r - 4))
    } else if r >= 2 {
        quarter(start) | quarter(n - 2) << (8 * (r - 2))
    } else {
        u64::from(bytes.get(start).copied().unwrap_or(0))
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(tail_word(bytes, rest.len()));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_is_read_as_a_copy_into_a_zeroed_word_would_read_it() {
        let text: Vec<u8> = (1..=40u8).map(|b| b.wrapping_mul(37)).collect();
        for n in 0..=text.len() {
            let bytes = &text[..n];
            for r in 1..=n.min(7) {
                let mut last = [0u8; 8];
                last[..r].copy_from_slice(&bytes[n - r..]);
                assert_eq!(tail_word(bytes, r), u64::from_le_bytes(last), "length {n}, rest {r}");
            }
        }
    }
}
