//! A case's lookup code: HMAC-SHA256 under the agency's random key (schema 20) of the case's id
//! and its latest rotation's nonce, cut to 50 bits (`core::portal::LookupCode`). Every case has
//! one from the moment it exists, however it was written; rotating stores a new random nonce,
//! so the old code stops working at once.

use sha2::{Digest, Sha256};
use thads_core::CaseId;
use thads_core::portal::LookupCode;
use thads_store::{NewAudit, Store};

use crate::actor::Actor;
use crate::error::{AppError, AppResult};

/// HMAC-SHA256 (RFC 2104) of `message` under `key`.
fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| k.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(message).finalize();
    Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize().into()
}

/// The code of `case` under `key` (hex, as stored) with `nonce` (the latest rotation's).
pub fn derive(key: &str, case: CaseId, nonce: Option<&str>) -> LookupCode {
    let message = format!("thads-lookup-v1|{}|{}", case.0, nonce.unwrap_or(""));
    LookupCode::from_bits(&hmac(key.as_bytes(), message.as_bytes()))
}

/// The current lookup code of `case`.
pub fn lookup_code(store: &dyn Store, case: CaseId) -> AppResult<LookupCode> {
    let key = store.portal_key()?;
    Ok(derive(&key, case, store.lookup_nonce(case)?.as_deref()))
}

/// Gives `case` a new code at a party's request: `nonce` is fresh randomness from the caller
/// (the web draws it from the operating system). Audited on the case, never with the code.
pub fn rotate(store: &dyn Store, actor: &Actor, case: CaseId, nonce: &str) -> AppResult<LookupCode> {
    if nonce.len() < 16 || nonce.len() > 128 || !nonce.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(AppError::Invalid("nonce".into()));
    }
    let known = store.case(case)?.ok_or_else(|| AppError::NotFound(format!("việc #{} / case", case.0)))?;
    let mut tx = store.begin()?;
    tx.set_lookup_nonce(case, nonce, actor.at, &actor.login)?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(known.id),
        action: "case.lookup_code.rotate".into(),
        before: None,
        after: Some(serde_json::json!({ "rotated": true }).to_string()),
    })?;
    tx.commit()?;
    lookup_code(store, case)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac = hmac(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn codes_differ_by_case_key_and_nonce() {
        let a = derive("k1", CaseId(1), None);
        assert_eq!(a, derive("k1", CaseId(1), None));
        assert_ne!(a, derive("k1", CaseId(2), None));
        assert_ne!(a, derive("k2", CaseId(1), None));
        assert_ne!(a, derive("k1", CaseId(1), Some("n")));
    }
}
