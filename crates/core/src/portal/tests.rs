use time::macros::date;

use super::*;
use crate::amount::Vnd;
use crate::calendar::{Announcements, WorkingCalendar};
use crate::event::EventCode;
use crate::lifecycle::Step;
use crate::state::{CaseState, Closing, Snapshot};

#[test]
fn a_code_reads_leniently_and_refuses_anything_else() {
    let code = LookupCode::from_bits(&[0xff, 0x00, 0xaa, 0x55, 0x12, 0x34, 0x56, 0x78]);
    let shown = code.shown();
    assert_eq!(shown.len(), 11);
    assert_eq!(LookupCode::parse(&shown).unwrap(), code);
    assert_eq!(LookupCode::parse(&shown.to_lowercase().replace('-', " ")).unwrap(), code);
    assert_eq!(LookupCode::parse("0O1IL-ABCDE").unwrap(), LookupCode::parse("00111ABCDE").unwrap());
    assert_eq!(LookupCode::parse("ABCDE-FGHJ"), Err(CodeError::Length));
    assert_eq!(LookupCode::parse("ABCDE-FGHJKM"), Err(CodeError::Length));
    assert_eq!(LookupCode::parse("ABCDE\u{200b}FGHJK"), Err(CodeError::Character));
    assert_eq!(LookupCode::parse("ABCDE-FGHJ<"), Err(CodeError::Character));
    assert_eq!(LookupCode::parse("ABCDEUFGHJ"), Err(CodeError::Character), "U is not in the alphabet");
    assert_eq!(format!("{code:?}"), "LookupCode(***)");
}

#[test]
fn codes_compare_by_every_character() {
    let a = LookupCode::parse("ABCDE-FGHJK").unwrap();
    assert!(same_code(&a, &LookupCode::parse("abcdefghjk").unwrap()));
    assert!(!same_code(&a, &LookupCode::parse("ABCDE-FGHJM").unwrap()));
    assert!(!same_code(&a, &LookupCode::parse("BBCDE-FGHJK").unwrap()));
}

#[test]
fn every_event_and_state_has_plain_words() {
    for code in EventCode::ALL {
        let s = public_step(code).unwrap();
        assert!(!s.vi.is_empty() && !s.en.is_empty());
    }
    assert_eq!(state_words(&CaseState::Closed(Closing::Completed)).en, "Completed");
}

fn step(date: time::Date, code: EventCode, state: CaseState) -> Step {
    let zero = Vnd::new(0).unwrap();
    Step {
        date,
        code,
        moved: zero,
        closed_rest: None,
        after: Snapshot { state, outstanding: zero, collected: zero, reduced: zero },
    }
}

#[test]
fn a_spell_is_listed_five_working_days_after_the_decision_and_ends_with_it() {
    let calendar = WorkingCalendar::vietnam(Announcements::none()).unwrap();
    let limits = default_publication_limits();
    // Friday 06/03/2026: five working days later is Friday 13/03/2026.
    let steps = vec![
        step(date!(2026 - 03 - 06), EventCode::NoMeans, CaseState::WithoutMeans),
        step(date!(2026 - 06 - 01), EventCode::NoMeans, CaseState::WithoutMeans),
        step(date!(2026 - 09 - 01), EventCode::Resumed, CaseState::WithMeans),
        step(date!(2026 - 10 - 01), EventCode::NoMeans, CaseState::WithoutMeans),
    ];
    let got = spells(&steps, &limits, &calendar);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].decided_on, date!(2026 - 03 - 06));
    assert_eq!(got[0].listed_on, date!(2026 - 03 - 13));
    assert_eq!(got[0].ended_on, Some(date!(2026 - 09 - 01)));
    assert!(!got[0].listed_at(date!(2026 - 03 - 12)));
    assert!(got[0].listed_at(date!(2026 - 03 - 13)));
    assert!(got[0].listed_at(date!(2026 - 08 - 31)));
    assert!(!got[0].listed_at(date!(2026 - 09 - 01)));
    assert_eq!(got[1].ended_on, None);
    assert!(got[1].listed_at(date!(2027 - 01 - 01)));
    let limit = limits.get(PublicationLimit::Publish, limits.regime_on(date!(2026 - 10 - 01))).unwrap();
    assert!(limit.citation.contains("NĐ 152/2026"));
}
