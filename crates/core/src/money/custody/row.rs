//! A posting as the store keeps it: one row of plain columns (account code, party kind with a
//! case id or a debtor id, side, amount), and back, refusing a row that does not make a
//! posting. Entries' own columns are plain already (unit, date, movement code, document,
//! reverses).

use serde::{Deserialize, Serialize};

use super::{Account, Party, Posting, Side};
use crate::amount::Vnd;
use crate::case::CaseId;
use crate::money::party::DebtorId;

/// The columns of one posting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingRow {
    pub account: String,
    /// `agency`, `case` or `debtor`.
    pub party: String,
    pub case_id: Option<i64>,
    pub debtor_id: Option<String>,
    /// `debit` or `credit`.
    pub side: String,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("dòng bút toán lưu không hợp lệ / a stored posting is not valid: {0}")]
pub struct RowError(pub String);

impl Side {
    pub fn code(self) -> &'static str {
        match self {
            Side::Debit => "debit",
            Side::Credit => "credit",
        }
    }
}

impl Posting {
    pub fn to_row(&self) -> PostingRow {
        let (party, case_id, debtor_id) = match &self.party {
            Party::Agency => ("agency", None, None),
            Party::Case(case) => ("case", Some(case.0), None),
            Party::Debtor(debtor) => ("debtor", None, Some(debtor.as_str().to_string())),
        };
        PostingRow {
            account: self.account.code().to_string(),
            party: party.to_string(),
            case_id,
            debtor_id,
            side: self.side.code().to_string(),
            amount: self.amount.dong(),
        }
    }

    pub fn from_row(row: &PostingRow) -> Result<Posting, RowError> {
        let bad = |what: &str| RowError(what.to_string());
        let account = Account::parse(&row.account).ok_or_else(|| bad("account"))?;
        let party = match (row.party.as_str(), row.case_id, row.debtor_id.as_deref()) {
            ("agency", None, None) => Party::Agency,
            ("case", Some(id), None) => Party::Case(CaseId(id)),
            ("debtor", None, Some(id)) => Party::Debtor(DebtorId::new(id).map_err(|_| bad("debtor_id"))?),
            _ => return Err(bad("party")),
        };
        let side = match row.side.as_str() {
            "debit" => Side::Debit,
            "credit" => Side::Credit,
            _ => return Err(bad("side")),
        };
        let amount = Vnd::new(row.amount).map_err(|_| bad("amount"))?;
        Ok(Posting { account, party, side, amount })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip_through_rows_and_bad_rows_are_refused() {
        let postings = [
            Posting { account: Account::Cash, party: Party::Agency, side: Side::Debit, amount: Vnd::new(5).unwrap() },
            Posting {
                account: Account::HeldForCase,
                party: Party::Case(CaseId(9)),
                side: Side::Credit,
                amount: Vnd::new(5).unwrap(),
            },
            Posting {
                account: Account::HeldForDebtor,
                party: Party::Debtor(DebtorId::new("079090001234").unwrap()),
                side: Side::Credit,
                amount: Vnd::new(5).unwrap(),
            },
        ];
        for p in &postings {
            assert_eq!(Posting::from_row(&p.to_row()).as_ref(), Ok(p));
        }
        let row = postings[1].to_row();
        for broken in [
            PostingRow { account: "vault".into(), ..row.clone() },
            PostingRow { party: "agency".into(), ..row.clone() },
            PostingRow { debtor_id: Some("X1".into()), ..row.clone() },
            PostingRow { side: "both".into(), ..row.clone() },
            PostingRow { amount: -5, ..row.clone() },
        ] {
            assert!(Posting::from_row(&broken).is_err(), "{broken:?}");
        }
    }
}
