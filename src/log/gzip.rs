//! Whether a log source is gzip-compressed: logrotate's `compress` leaves `error.log.2.gz`
//! beside the live log, and people pass those (or `cat *.gz |`) as they are. The surfaces
//! inflate what this says is compressed (the CLI with flate2, the site with the browser's
//! `DecompressionStream`) and read the text with the same `Reader`.

/// gzip's magic bytes (RFC 1952, 2.3.1: ID1 31, ID2 139).
pub const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// True when the source's first bytes are gzip's. What else they could be: a binary file that
/// starts so, which then fails to inflate (said, and read up to there: never fatal); no text
/// log starts with 0x1f.
pub fn compressed(head: &[u8]) -> bool {
    head.starts_with(&MAGIC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_magic_bytes() {
        assert!(compressed(&[0x1f, 0x8b, 8, 0]));
        assert!(!compressed(&[0x1f]));
        assert!(!compressed(b"2026/12/07 [error]"));
        assert!(!compressed(b""));
    }
}
