//! Worked examples of the order of payment, then properties over random debtors: the amount
//! is accounted for to the đồng, no case gets more than it owes, a later tier gets nothing while
//! an earlier one is owed, shares are pro rata to the đồng, and the order of the claims does not
//! matter.

use proptest::prelude::*;
use time::Date;
use time::macros::date;

use super::*;

fn vnd(d: i64) -> Vnd {
    Vnd::new(d).unwrap()
}

fn claim(id: i64, rank: u8, principal: i64) -> Claim {
    Claim {
        case: CaseId(id),
        case_no: CaseNo::new(&format!("{id}/QĐ-THADS")).unwrap(),
        accepted_on: date!(2025 - 01 - 01),
        rank: Rank::new(rank).unwrap(),
        principal: vnd(principal),
        interest: Vnd::ZERO,
        secured: false,
        before_coercion: true,
    }
}

fn proceeds(amount: i64, costs: i64) -> Proceeds {
    Proceeds {
        amount: vnd(amount),
        costs: vnd(costs),
        rent_reserve: Vnd::ZERO,
        from_coercion: false,
        interest_order: InterestOrder::WithPrincipal,
    }
}

/// (case id, principal, interest) of each allocation, in the order given.
fn paid(d: &Distribution) -> Vec<(i64, i64, i64)> {
    d.allocations.iter().map(|a| (a.case.0, a.principal.dong(), a.interest.dong())).collect()
}

#[test]
fn costs_then_rank_1_2_3() {
    let claims = [claim(3, 3, 40), claim(2, 2, 50), claim(1, 1, 30)];
    let d = distribute(&proceeds(100, 10), &claims).unwrap();
    assert_eq!(d.costs, vnd(10));
    assert_eq!(paid(&d), [(1, 30, 0), (2, 50, 0), (3, 10, 0)]);
    assert_eq!(d.returned_to_debtor, Vnd::ZERO);
}

#[test]
fn pro_rata_within_a_rank_with_the_leftover_by_largest_remainder() {
    // 100 over 100/200/300: exact shares 16.67, 33.33, 50: floors 99, the last đồng to the
    // largest remainder.
    let claims = [claim(1, 3, 100), claim(2, 3, 200), claim(3, 3, 300)];
    let d = distribute(&proceeds(100, 0), &claims).unwrap();
    assert_eq!(paid(&d), [(1, 17, 0), (2, 33, 0), (3, 50, 0)]);
}

#[test]
fn equal_remainders_go_to_the_earlier_acceptance_then_the_smaller_case_number() {
    let mut x = claim(1, 3, 1);
    x.case_no = CaseNo::new("5/QĐ-THADS").unwrap();
    x.accepted_on = date!(2025 - 01 - 02);
    let mut y = claim(2, 3, 1);
    y.case_no = CaseNo::new("46/QĐ-THADS").unwrap();
    let mut z = claim(3, 3, 1);
    z.case_no = CaseNo::new("100/QĐ-THADS").unwrap();
    let d = distribute(&proceeds(2, 0), &[x, z, y]).unwrap();
    // 2 đồng over three equal claims: the two accepted on 01/01 get one each, 46 before 100.
    assert_eq!(paid(&d), [(2, 1, 0), (3, 1, 0)]);
    let one = distribute(&proceeds(1, 0), &[claim(9, 3, 1), claim(8, 3, 1)]).unwrap();
    assert_eq!(paid(&one), [(8, 1, 0)], "same date, 8 before 9");
}

#[test]
fn coercion_money_goes_first_to_cases_that_existed_at_the_decision() {
    let early = claim(1, 3, 80);
    let mut later = claim(2, 1, 50);
    later.before_coercion = false;
    let mut p = proceeds(100, 0);
    p.from_coercion = true;
    assert_eq!(paid(&distribute(&p, &[later.clone(), early.clone()]).unwrap()), [(1, 80, 0), (2, 20, 0)]);
    p.from_coercion = false;
    assert_eq!(paid(&distribute(&p, &[later, early]).unwrap()), [(2, 50, 0), (1, 50, 0)], "no coercion: by rank");
}

#[test]
fn the_creditor_secured_by_the_asset_comes_before_every_rank() {
    let mut secured = claim(1, 3, 60);
    secured.secured = true;
    let d = distribute(&proceeds(100, 0), &[claim(2, 1, 60), secured]).unwrap();
    assert_eq!(paid(&d), [(1, 60, 0), (2, 40, 0)]);
}

#[test]
fn late_payment_interest_under_each_reading() {
    let mut a = claim(1, 1, 50);
    a.interest = vnd(20);
    let claims = [a, claim(2, 1, 30), claim(3, 2, 50)];
    let with = |order| {
        let mut p = proceeds(110, 0);
        p.interest_order = order;
        paid(&distribute(&p, &claims).unwrap())
    };
    // Old law: interest is owed with the principal (rank 1 owes 100 in all).
    assert_eq!(with(InterestOrder::WithPrincipal), [(1, 50, 20), (2, 30, 0), (3, 10, 0)]);
    // NĐ 152 Điều 29 read within the rank: rank 1 principal 80, its interest 20, then rank 2.
    assert_eq!(with(InterestOrder::PrincipalFirstWithinRank), [(1, 50, 20), (2, 30, 0), (3, 10, 0)]);
    // Read overall: every principal (80 + 30 of 50) before any interest.
    assert_eq!(with(InterestOrder::PrincipalFirstOverall), [(1, 50, 0), (2, 30, 0), (3, 30, 0)]);
    let mut p = proceeds(70, 0);
    p.interest_order = InterestOrder::PrincipalFirstWithinRank;
    // 70 < 80 of rank-1 principal: pro rata 43.75 / 26.25, no interest.
    assert_eq!(paid(&distribute(&p, &claims).unwrap()), [(1, 44, 0), (2, 26, 0)]);
}

#[test]
fn costs_rent_reserve_and_what_returns_to_the_debtor() {
    let mut p = proceeds(100, 10);
    p.rent_reserve = vnd(30);
    let d = distribute(&p, &[claim(1, 3, 40)]).unwrap();
    assert_eq!((d.costs, d.rent_reserve, d.returned_to_debtor), (vnd(10), vnd(30), vnd(20)));
    let short = distribute(&proceeds(50, 80), &[claim(1, 1, 40)]).unwrap();
    assert_eq!((short.costs, short.allocations.len(), short.returned_to_debtor), (vnd(50), 0, Vnd::ZERO));
    let nothing_owed = distribute(&proceeds(70, 0), &[claim(1, 1, 0)]).unwrap();
    assert_eq!((nothing_owed.allocations.len(), nothing_owed.returned_to_debtor), (0, vnd(70)));
    let no_cases = distribute(&proceeds(70, 0), &[]).unwrap();
    assert_eq!(no_cases.returned_to_debtor, vnd(70));
}

#[test]
fn a_case_listed_twice_is_refused() {
    let err = distribute(&proceeds(10, 0), &[claim(1, 1, 5), claim(1, 2, 5)]).unwrap_err();
    assert_eq!(err, DistributionError::DuplicateCase(CaseId(1)));
}

#[test]
fn case_numbers_sort_by_their_number() {
    let no = |s: &str| CaseNo::new(s).unwrap();
    assert_eq!(case_no_order(&no("46/QĐ-THADS"), &no("100/QĐ-THADS")), Ordering::Less);
    assert_eq!(case_no_order(&no("046/QĐ"), &no("46/QĐ")), Ordering::Less, "same number, then the text");
    assert_eq!(case_no_order(&no("QĐ-7"), &no("12/QĐ")), Ordering::Less, "no number sorts first");
}

// ---- properties ----

const DAYS: [Date; 3] = [date!(2024 - 03 - 01), date!(2024 - 03 - 02), date!(2025 - 01 - 10)];
const ORDERS: [InterestOrder; 3] =
    [InterestOrder::WithPrincipal, InterestOrder::PrincipalFirstWithinRank, InterestOrder::PrincipalFirstOverall];

fn arb_claims() -> impl Strategy<Value = Vec<Claim>> {
    let one =
        (1u8..=3, 0i64..2_000_000, prop_oneof![Just(0i64), 0i64..200_000], 0usize..3, 1u32..40, any::<[bool; 2]>());
    prop::collection::vec(one, 0..30).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (rank, principal, interest, day, no, [secured, early]))| Claim {
                case: CaseId(i as i64 + 1),
                case_no: CaseNo::new(&format!("{no}/QĐ-THADS")).unwrap(),
                accepted_on: DAYS[day],
                rank: Rank::new(rank).unwrap(),
                principal: vnd(principal),
                interest: vnd(interest),
                secured: secured && principal % 7 == 0,
                before_coercion: early,
            })
            .collect()
    })
}

fn arb_proceeds() -> impl Strategy<Value = Proceeds> {
    (0i64..40_000_000, 0i64..300_000, prop_oneof![Just(0i64), 0i64..300_000], any::<bool>(), 0usize..3).prop_map(
        |(amount, costs, rent, from_coercion, order)| Proceeds {
            amount: vnd(amount),
            costs: vnd(costs),
            rent_reserve: vnd(rent),
            from_coercion,
            interest_order: ORDERS[order],
        },
    )
}

/// Each owed part of each claim: (tier key, claim index, owed, paid), computed from the rules
/// in the module doc, independently of the implementation's slots.
fn parts(p: &Proceeds, claims: &[Claim], d: &Distribution) -> Vec<(u32, usize, i64, i64)> {
    let got = |c: &Claim| {
        d.allocations.iter().find(|a| a.case == c.case).map_or((0, 0), |a| (a.principal.dong(), a.interest.dong()))
    };
    let mut out = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let group = if c.secured {
            0
        } else if p.from_coercion && !c.before_coercion {
            2
        } else {
            1
        };
        let rank = u32::from(c.rank.number());
        let (gp, gi) = got(c);
        match p.interest_order {
            InterestOrder::WithPrincipal => {
                out.push((group * 10 + rank, i, c.principal.dong() + c.interest.dong(), gp + gi))
            }
            InterestOrder::PrincipalFirstWithinRank => {
                out.push((group * 100 + rank * 10, i, c.principal.dong(), gp));
                out.push((group * 100 + rank * 10 + 1, i, c.interest.dong(), gi));
            }
            InterestOrder::PrincipalFirstOverall => {
                out.push((group * 10 + rank, i, c.principal.dong(), gp));
                out.push((1000 + group * 10 + rank, i, c.interest.dong(), gi));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_dong_is_accounted_for_and_no_case_gets_more_than_it_owes(p in arb_proceeds(), claims in arb_claims()) {
        let d = distribute(&p, &claims).unwrap();
        let total = i128::from(d.costs.dong()) + i128::from(d.rent_reserve.dong()) + d.allocated().dong()
            + i128::from(d.returned_to_debtor.dong());
        prop_assert_eq!(total, i128::from(p.amount.dong()));
        prop_assert!(d.costs <= p.costs && d.rent_reserve <= p.rent_reserve);
        for a in &d.allocations {
            let c = claims.iter().find(|c| c.case == a.case).unwrap();
            prop_assert!(a.principal <= c.principal && a.interest <= c.interest);
            prop_assert!(a.total() > Vnd::ZERO);
        }
        let owed: i128 = claims.iter().map(|c| i128::from(c.principal.dong() + c.interest.dong())).sum();
        if d.returned_to_debtor > Vnd::ZERO {
            prop_assert_eq!(d.allocated().dong(), owed, "money returns only once everything is paid");
        }
    }

    #[test]
    fn a_later_tier_gets_nothing_while_an_earlier_one_is_owed(p in arb_proceeds(), claims in arb_claims()) {
        let d = distribute(&p, &claims).unwrap();
        let parts = parts(&p, &claims, &d);
        for later in parts.iter().filter(|x| x.3 > 0) {
            for earlier in parts.iter().filter(|x| x.0 < later.0) {
                prop_assert_eq!(earlier.3, earlier.2, "tier {} paid while tier {} is owed", later.0, earlier.0);
            }
        }
    }

    #[test]
    fn shares_within_a_tier_are_pro_rata_to_the_dong(p in arb_proceeds(), claims in arb_claims()) {
        let d = distribute(&p, &claims).unwrap();
        let parts = parts(&p, &claims, &d);
        let mut tiers: Vec<u32> = parts.iter().map(|x| x.0).collect();
        tiers.sort_unstable();
        tiers.dedup();
        for tier in tiers {
            let members: Vec<_> = parts.iter().filter(|x| x.0 == tier).collect();
            let owed: i128 = members.iter().map(|x| i128::from(x.2)).sum();
            let paid: i128 = members.iter().map(|x| i128::from(x.3)).sum();
            for m in members.iter().filter(|_| owed > 0) {
                let floor = paid * i128::from(m.2) / owed;
                prop_assert!(i128::from(m.3) == floor || i128::from(m.3) == floor + 1, "tier {tier}: {m:?} floor {floor}");
            }
        }
    }

    #[test]
    fn the_order_of_the_claims_does_not_matter(p in arb_proceeds(), claims in arb_claims(), seed in any::<u64>()) {
        let d = distribute(&p, &claims).unwrap();
        let mut shuffled = claims.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(&distribute(&p, &shuffled).unwrap(), &d);
        prop_assert_eq!(&distribute(&p, &claims).unwrap(), &d, "deterministic");
    }
}
