//! What a store may already hold, answered without asking the database: a Bloom filter of the
//! stored entry ids and (party, nonce) pairs.
//!
//! Before each group commit the ledger asks which of the group's ids and nonces are stored. On
//! PostgreSQL that question is a round trip, as costly as the commit itself when the machine is
//! busy; on SQLite it is an index search per id and per nonce on the one thread every commit
//! waits for (8 to 10% of that thread's time with 64 submitters, measured). Yet almost always
//! the answer is "none". The filter answers "none" from memory whenever
//! no item may be stored, and the database is asked only otherwise. A Bloom filter has no false
//! negatives, so the answer stays exact as long as every stored item was added (all entries at
//! open, then each committed one); a false positive only costs the round trip that was made
//! anyway. Its size is fixed when it is built, so memory stays bounded however long the log
//! grows: past its design size false positives grow, and more lookups go to the database.

use snapback_log::merkle::leaf_hash;

/// Bits per item the filter is sized for: with [`PROBES`] probes, about 1 false positive in
/// 2,000 items, so a group of 64 submissions (128 items) is answered from memory ~94% of the time.
const BITS_PER_ITEM: u64 = 16;
/// Probes per item (optimal for 16 bits per item: 16 · ln 2 ≈ 11).
const PROBES: u64 = 11;
/// At least 2^22 bits (512 KiB): room for 131,072 entries (two items each).
const MIN_BITS: u64 = 1 << 22;
/// At most 2^28 bits (32 MiB): sized for 8 million entries, still exact beyond.
const MAX_BITS: u64 = 1 << 28;

/// A Bloom filter of stored ids and (party, nonce) pairs.
pub(crate) struct MaybeStored {
    words: Vec<u64>,
    /// The number of bits minus one (a power of two minus one).
    mask: u64,
}

impl std::fmt::Debug for MaybeStored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MaybeStored({} bits)", self.mask + 1)
    }
}

impl MaybeStored {
    /// An empty filter sized for a log expected to reach `entries` entries (two items each).
    pub(crate) fn for_entries(entries: u64) -> Self {
        let bits = entries
            .saturating_mul(2 * BITS_PER_ITEM)
            .clamp(MIN_BITS, MAX_BITS)
            .next_power_of_two();
        Self {
            words: vec![0; (bits / 64) as usize],
            mask: bits - 1,
        }
    }

    /// Adds a stored entry's id and (party, nonce).
    pub(crate) fn insert(&mut self, id: &[u8; 32], party: &str, nonce: &str) {
        for bit in probes(*id).chain(probes(pair_hash(party, nonce))) {
            let bit = bit & self.mask;
            if let Some(word) = self.words.get_mut((bit / 64) as usize) {
                *word |= 1 << (bit % 64);
            }
        }
    }

    /// Adds a stored entry read back from the database, whose id is checked to be 32 bytes.
    pub(crate) fn insert_stored(
        &mut self,
        id: &[u8],
        party: &str,
        nonce: &str,
    ) -> Result<(), crate::StoreError> {
        let id = <[u8; 32]>::try_from(id).map_err(|_| {
            crate::StoreError::Corrupt("a stored entry id is not 32 bytes".to_owned())
        })?;
        self.insert(&id, party, nonce);
        Ok(())
    }

    /// Adds the entries of `batch` that an append stored anew (`results`, one per entry).
    pub(crate) fn add_appended(&mut self, batch: &[crate::NewEntry], results: &[crate::Appended]) {
        for (e, r) in batch.iter().zip(results) {
            if let crate::Appended::New(_) = r {
                self.insert(&e.id, &e.party, &e.nonce);
            }
        }
    }

    /// Whether any of these ids or pairs may be stored (`false`: certainly none is).
    pub(crate) fn any(&self, ids: &[[u8; 32]], nonces: &[(&str, &str)]) -> bool {
        ids.iter().any(|id| self.contains(*id))
            || nonces
                .iter()
                .any(|(party, nonce)| self.contains(pair_hash(party, nonce)))
    }

    fn contains(&self, hash: [u8; 32]) -> bool {
        probes(hash).all(|bit| {
            let bit = bit & self.mask;
            self.words
                .get((bit / 64) as usize)
                .is_some_and(|word| word & (1 << (bit % 64)) != 0)
        })
    }
}

/// A (party, nonce) pair as 32 uniform bytes: SHA-256 of the party's length, the party and the
/// nonce (the length keeps ("ab", "c") apart from ("a", "bc")).
fn pair_hash(party: &str, nonce: &str) -> [u8; 32] {
    let mut bytes = Vec::with_capacity(8 + party.len() + nonce.len());
    bytes.extend_from_slice(&(party.len() as u64).to_le_bytes());
    bytes.extend_from_slice(party.as_bytes());
    bytes.extend_from_slice(nonce.as_bytes());
    leaf_hash(&bytes)
}

/// The bit positions of an item (before masking) from its 32 uniform bytes, by double hashing:
/// `a + i·b` for `i` in `0..PROBES` (an id is already a SHA-256 digest, so it needs no hashing).
fn probes(hash: [u8; 32]) -> impl Iterator<Item = u64> {
    let word = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&hash[i * 8..i * 8 + 8]);
        u64::from_le_bytes(w)
    };
    let (a, b) = (word(0), word(1) | 1);
    (0..PROBES).map(move |i| a.wrapping_add(i.wrapping_mul(b)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn id(n: u32) -> [u8; 32] {
        leaf_hash(&n.to_le_bytes())
    }

    #[test]
    fn every_added_item_may_be_stored_and_others_rarely() {
        let mut seen = MaybeStored::for_entries(10_000);
        for n in 0..10_000u32 {
            seen.insert(&id(n), "UA", &format!("nonce-{n}"));
        }
        for n in 0..10_000u32 {
            assert!(seen.any(&[id(n)], &[]));
            assert!(seen.any(&[], &[("UA", &format!("nonce-{n}"))]));
        }
        let false_positives = (10_000..20_000u32)
            .filter(|n| seen.any(&[id(*n)], &[("UA", &format!("nonce-{n}"))]))
            .count();
        // Sized for 131,072 entries, it holds 10,000: false positives are next to none.
        assert!(false_positives < 10, "{false_positives} false positives");
        assert!(!seen.any(&[], &[]));
    }

    #[test]
    fn pairs_are_told_apart_by_where_the_party_ends() {
        assert_ne!(pair_hash("ab", "c"), pair_hash("a", "bc"));
    }

    #[test]
    fn the_size_is_bounded() {
        assert_eq!(MaybeStored::for_entries(0).mask + 1, MIN_BITS);
        assert_eq!(MaybeStored::for_entries(u64::MAX).mask + 1, MAX_BITS);
        assert_eq!(MaybeStored::for_entries(1_000_000).mask + 1, 1 << 25);
    }
}
