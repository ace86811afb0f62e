//! Bit masks of 64-byte blocks: for a few sets of bytes, which bytes of a block are in each,
//! found with 16-byte vector compares (the `wide` crate: SSE2 on x86-64, NEON on aarch64, plain
//! code elsewhere). The chunker's boundary search and the fused path's scans make theirs here,
//! each with the compares it needs.

use wide::u8x16;

/// The masks of a 64-byte block: `hits` gives, for 16 of its bytes, one vector per set of bytes
/// (all ones where a byte is in the set), and bit `i` of mask `m` is set when byte `i` of the
/// block is in set `m`.
#[inline(always)]
pub(crate) fn block_masks<const N: usize>(
    block: &[u8; 64],
    hits: impl Fn(u8x16) -> [u8x16; N],
) -> [u64; N] {
    let mut masks = [0u64; N];
    for (k, chunk) in block.chunks_exact(16).enumerate() {
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(chunk);
        for (mask, hit) in masks.iter_mut().zip(hits(u8x16::new(bytes))) {
            *mask |= u64::from(hit.to_bitmask()) << (16 * k);
        }
    }
    masks
}

/// [`block_masks`] of the 64 bytes of `data` from `base` (which is in `data`); a last block of
/// fewer bytes is padded, and the bits of the padding are cleared whatever `hits` finds in it.
#[inline(always)]
pub(crate) fn masks_at<const N: usize>(
    data: &[u8],
    base: usize,
    hits: impl Fn(u8x16) -> [u8x16; N],
) -> [u64; N] {
    match data
        .get(base..base + 64)
        .and_then(|block| <&[u8; 64]>::try_from(block).ok())
    {
        Some(block) => block_masks(block, hits),
        None => last_masks(data, base, hits),
    }
}

/// [`masks_at`] of the last, partial block: once per chunk, out of the scans' loops.
#[inline(never)]
fn last_masks<const N: usize>(
    data: &[u8],
    base: usize,
    hits: impl Fn(u8x16) -> [u8x16; N],
) -> [u64; N] {
    let rest = data.get(base..).unwrap_or_default();
    let mut block = [0u8; 64];
    let kept = rest.len().min(64);
    block[..kept].copy_from_slice(&rest[..kept]);
    let valid = u64::MAX.checked_shr(64 - kept as u32).unwrap_or(0);
    block_masks(&block, hits).map(|mask| mask & valid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mask_holds_exactly_the_bytes_of_its_set() {
        let mut block = [b'a'; 64];
        for (at, byte) in [(0, b','), (9, b'\n'), (16, b','), (47, b'\n'), (63, b',')] {
            block[at] = byte;
        }
        let [commas, newlines] = block_masks(&block, |v| {
            [
                v.simd_eq(u8x16::splat(b',')),
                v.simd_eq(u8x16::splat(b'\n')),
            ]
        });
        assert_eq!(commas, 1 | 1 << 16 | 1 << 63);
        assert_eq!(newlines, 1 << 9 | 1 << 47);
    }

    #[test]
    fn a_last_partial_block_has_no_bits_past_the_data() {
        // Padding bytes are zeros: a set holding zero finds none of them.
        let zeros = |v: u8x16| [v.simd_eq(u8x16::splat(0))];
        let data = [0u8; 100];
        for len in [64, 65, 70, 100, 127, 128] {
            let data = &data[..len.min(100)];
            for base in (0..data.len()).step_by(64) {
                let [mask] = masks_at(data, base, zeros);
                let kept = (data.len() - base).min(64);
                assert_eq!(mask.count_ones() as usize, kept, "len {len}, base {base}");
            }
        }
        assert_eq!(masks_at(&[0u8; 3], 0, zeros), [0b111]);
    }
}
