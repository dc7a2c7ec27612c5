//! gzip (RFC 1952) of DEFLATE (RFC 1951) with the fixed Huffman codes and
//! LZ77 matching: what Ignition's `compression: gzip` takes. The fragments
//! travel in Nova's user data, which is small (65,535 bytes after base64) and
//! where every byte is base64'd twice; shell scripts compress about 3:1.
//! Deterministic: no time stamp, no file name, one block.

/// CRC-32 (IEEE 802.3, reflected), as gzip's trailer holds it.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Bits written least significant first, as DEFLATE packs them.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    count: u32,
}

impl Bits {
    fn put(&mut self, value: u32, width: u32) {
        self.acc |= u64::from(value) << self.count;
        self.count += width;
        while self.count >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code: its bits go most significant first.
    fn code(&mut self, code: u32, width: u32) {
        let reversed = code.reverse_bits() >> (32 - width);
        self.put(reversed, width);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// A literal/length symbol in the fixed code (RFC 1951, 3.2.6).
fn literal_length(bits: &mut Bits, symbol: u32) {
    match symbol {
        0..=143 => bits.code(0x30 + symbol, 8),
        144..=255 => bits.code(0x190 + symbol - 144, 9),
        256..=279 => bits.code(symbol - 256, 7),
        _ => bits.code(0xC0 + symbol - 280, 8),
    }
}

fn length(bits: &mut Bits, len: usize) {
    let i = LENGTH_BASE
        .iter()
        .rposition(|&b| usize::from(b) <= len)
        .unwrap_or(0);
    literal_length(bits, 257 + i as u32);
    bits.put(
        (len - usize::from(LENGTH_BASE[i])) as u32,
        u32::from(LENGTH_EXTRA[i]),
    );
}

fn distance(bits: &mut Bits, dist: usize) {
    let i = DISTANCE_BASE
        .iter()
        .rposition(|&b| usize::from(b) <= dist)
        .unwrap_or(0);
    bits.code(i as u32, 5);
    bits.put(
        (dist - usize::from(DISTANCE_BASE[i])) as u32,
        u32::from(DISTANCE_EXTRA[i]),
    );
}

const WINDOW: usize = 32 * 1024;
const MAX_MATCH: usize = 258;
const MIN_MATCH: usize = 3;
const HASH_BITS: u32 = 15;
/// How many earlier positions a match is looked for at (enough for scripts).
const CHAIN: usize = 256;

/// Raw DEFLATE of `data`: one final block with the fixed codes.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut bits = Bits {
        out: Vec::with_capacity(data.len() / 2 + 16),
        acc: 0,
        count: 0,
    };
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE = 01, fixed Huffman codes
    let hash = |i: usize| -> usize {
        let v = u32::from(data[i]) << 16 | u32::from(data[i + 1]) << 8 | u32::from(data[i + 2]);
        (v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
    };
    let mut head = vec![usize::MAX; 1 << HASH_BITS];
    let mut prev = vec![usize::MAX; data.len()];
    let insert = |i: usize, head: &mut Vec<usize>, prev: &mut Vec<usize>| {
        if i + MIN_MATCH <= data.len() {
            let h = hash(i);
            prev[i] = head[h];
            head[h] = i;
        }
    };
    let mut i = 0;
    while i < data.len() {
        let mut best = (0, 0);
        if i + MIN_MATCH <= data.len() {
            let mut candidate = head[hash(i)];
            let mut tries = 0;
            while candidate != usize::MAX && i - candidate <= WINDOW && tries < CHAIN {
                let limit = MAX_MATCH.min(data.len() - i);
                let len = data[candidate..]
                    .iter()
                    .zip(&data[i..i + limit])
                    .take_while(|(a, b)| a == b)
                    .count();
                if len > best.0 {
                    best = (len, i - candidate);
                    if len == limit {
                        break;
                    }
                }
                candidate = prev[candidate];
                tries += 1;
            }
        }
        if best.0 >= MIN_MATCH {
            length(&mut bits, best.0);
            distance(&mut bits, best.1);
            for j in i..i + best.0 {
                insert(j, &mut head, &mut prev);
            }
            i += best.0;
        } else {
            literal_length(&mut bits, u32::from(data[i]));
            insert(i, &mut head, &mut prev);
            i += 1;
        }
    }
    literal_length(&mut bits, 256); // end of block
    bits.finish()
}

/// A gzip member of `data`: no name, no time stamp, so builds are identical.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.extend(deflate(data));
    out.extend(crc32(data).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::process::{Command, Stdio};

    #[test]
    fn crc32_check_value() {
        // The check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    /// gzip -dc, Debian's (an Essential package): the real consumer.
    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut child = Command::new("gzip")
            .args(["-dc"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("gzip runs");
        child.stdin.take().unwrap().write_all(bytes).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    #[test]
    fn gzip_reads_back_what_was_compressed() {
        let script = include_str!("../../stdlib/fragments/certs.sh");
        let mut noisy = Vec::new();
        let mut x: u32 = 1;
        for _ in 0..70_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            noisy.push((x >> 16) as u8);
        }
        let long_run = vec![b'a'; 100_000];
        for input in [
            b"".as_slice(),
            b"a",
            b"abcabcabcabcabcabc",
            script.as_bytes(),
            &noisy,
            &long_run,
        ] {
            let packed = gzip(input);
            assert_eq!(gunzip(&packed), input, "{} bytes", input.len());
        }
        // Scripts shrink.
        assert!(gzip(script.as_bytes()).len() * 2 < script.len());
        // Deterministic.
        assert_eq!(gzip(script.as_bytes()), gzip(script.as_bytes()));
    }
}
