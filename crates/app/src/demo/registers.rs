//! The registers of issue 20 in the demo, in the proportions the agencies publish: about one
//! administrative judgment monitored for every 500 cases (2024: 1,973 nationally for about a
//! million cases; Nghệ An about 75 a year), spread over the provincial agencies, most completed
//! after a notice and a request, the rest late with their escalation steps; and exemption or
//! reduction proposals for about three in a thousand cases (Sóc Trăng 2023: 66), taken from the
//! state-budget cases the rules find eligible (in the default demo fewer: as many as its
//! histories make eligible), left in every state of the register in turn so that each screen
//! shows some: decided and recorded on the case, open to the procuracies' protest (in the
//! worklist), waiting for the court, rejected, in effect but not yet recorded, protested.
//! Everything goes through the use cases (checked, audited as `demo`).

use thads_core::admin_judgments::{AdminJudgment, BodyLevel, Point, Step, monitor_limits, voluntary_end};
use thads_core::exemption::{CourtDecision, CourtResult, ReliefKind};
use thads_core::{Category, Rules, UnitKind};
use thads_store::{CaseQuery, CaseSort, StateFilter, Store};
use time::{Date, Duration, OffsetDateTime, Time};

use super::DemoConfig;
use super::draw::{Streams, between, chance, pick};
use crate::actor::Actor;
use crate::deadlines::DeadlineSetup;
use crate::error::AppResult;

/// The random stream of the registers (cases use 0..N, the organisation the last one).
const STREAM: u64 = u64::MAX - 7;
const JUDGMENTS_PER_CASE: f64 = 1.0 / 500.0;
const PROPOSALS_PER_CASE: f64 = 3.0 / 1000.0;
/// At most this many of each, whatever the number of cases (each is a transaction).
const CAP: u64 = 3_000;

/// Noon in Vietnam of `day`: who acts, and when.
fn actor_on(day: Date) -> Actor {
    let at: OffsetDateTime = day.with_time(Time::MIDNIGHT).assume_offset(crate::clock::VIETNAM) + Duration::hours(12);
    Actor { login: "demo".into(), at }
}

const BODIES: [&str; 6] = [
    "Ủy ban nhân dân huyện {}",
    "Chủ tịch Ủy ban nhân dân huyện {}",
    "Ủy ban nhân dân xã {}",
    "Sở Tài nguyên và Môi trường",
    "Chi cục Thuế khu vực {}",
    "Chủ tịch Ủy ban nhân dân tỉnh",
];
const PLACES: [&str; 8] = ["Đông Hưng", "Yên Thế", "Lục Nam", "Hòa Bình", "Tân Phú", "Thanh Sơn", "Phú Lộc", "An Lão"];
const OBLIGATIONS: [&str; 5] = [
    "Hủy quyết định thu hồi đất và bồi thường, hỗ trợ theo quy định",
    "Hủy quyết định xử phạt vi phạm hành chính",
    "Cấp giấy chứng nhận quyền sử dụng đất cho người khởi kiện",
    "Hủy quyết định giải quyết khiếu nại và giải quyết lại",
    "Bồi thường thiệt hại do quyết định hành chính trái pháp luật gây ra",
];

/// The states the demo's proposals are left in, in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProposalState {
    Recorded,
    InWindow,
    Waiting,
    Rejected,
    ToRecord,
    Protested,
}

const DEMO_STATES: [ProposalState; 8] = [
    ProposalState::Recorded,
    ProposalState::InWindow,
    ProposalState::Waiting,
    ProposalState::Rejected,
    ProposalState::ToRecord,
    ProposalState::Protested,
    ProposalState::Recorded,
    ProposalState::InWindow,
];

/// What the registers wrote: judgments, proposals, and the events the court's decisions
/// recorded on cases.
pub struct Written {
    pub judgments: u64,
    pub proposals: u64,
    pub events: u64,
}

/// Writes both registers after the cases.
pub fn seed(store: &dyn Store, rules: &Rules, config: &DemoConfig) -> AppResult<Written> {
    let setup = DeadlineSetup::load(store)?;
    let mut rng = Streams::new(config.seed).case(STREAM);
    let judgments = judgments(store, config, &setup, &mut rng)?;
    let (proposals, events) = proposals(store, rules, config, &setup, &mut rng)?;
    Ok(Written { judgments, proposals, events })
}

fn judgments(
    store: &dyn Store,
    config: &DemoConfig,
    setup: &DeadlineSetup,
    rng: &mut super::draw::DemoRng,
) -> AppResult<u64> {
    let provinces: Vec<_> =
        store.units()?.into_iter().filter(|u| u.kind == UnitKind::Province && u.valid_to.is_none()).collect();
    let count = ((config.cases as f64 * JUDGMENTS_PER_CASE).round() as u64).clamp(provinces.len().min(1) as u64, CAP);
    let limits = monitor_limits();
    let mut written = 0;
    for i in 0..count {
        let Some(unit) = provinces.get(i as usize % provinces.len().max(1)) else { break };
        let received = config.as_of - Duration::days(between(rng, 20, 700));
        let place = pick(rng, &PLACES).copied().unwrap_or("Tân Phú");
        let body = pick(rng, &BODIES).copied().unwrap_or(BODIES[0]).replace("{}", place);
        let judgment = AdminJudgment {
            unit: unit.id,
            court: format!("Tòa án nhân dân {}", unit.name.trim_start_matches("Thi hành án dân sự ")),
            judgment_no: format!("{}/{}/HC-ST", i + 1, received.year()),
            judgment_on: received - Duration::days(between(rng, 35, 90)),
            received_on: received,
            body: format!("{body} ({})", unit.code),
            body_level: if body.contains("tỉnh") { BodyLevel::Provincial } else { BodyLevel::Local },
            obligation: pick(rng, &OBLIGATIONS).copied().unwrap_or(OBLIGATIONS[0]).into(),
            point: if chance(rng, 0.1) { Point::D } else { Point::B },
            body_received_on: None,
        };
        let actor = actor_on(received);
        let id = crate::admin_judgments::register(store, &actor, judgment.clone())?;
        let end = voluntary_end(&judgment, &limits, &setup.calendar);
        let mut steps = vec![(received + Duration::days(between(rng, 1, 4)), Step::VoluntaryNotice)];
        let days_after = |d: i64| end + Duration::days(d);
        if chance(rng, 0.62) {
            // Completed: within the voluntary period or after a request.
            if chance(rng, 0.5) {
                steps.push((days_after(between(rng, 8, 30)), Step::InformationRequest));
            }
            steps.push((days_after(between(rng, 35, 160)), Step::Completed));
        } else {
            steps.push((days_after(between(rng, 8, 30)), Step::InformationRequest));
            if chance(rng, 0.5) {
                steps.push((days_after(between(rng, 60, 120)), Step::ReportToSuperior));
                if chance(rng, 0.5) {
                    steps.push((days_after(between(rng, 130, 200)), Step::ResponsibilityProposal));
                }
            }
        }
        for (day, step) in steps.into_iter().filter(|(d, _)| *d <= config.as_of) {
            crate::admin_judgments::record_step(store, &actor_on(day), &setup.calendar, id, step, day, "")?;
        }
        written += 1;
    }
    Ok(written)
}

fn proposals(
    store: &dyn Store,
    rules: &Rules,
    config: &DemoConfig,
    setup: &DeadlineSetup,
    rng: &mut super::draw::DemoRng,
) -> AppResult<(u64, u64)> {
    let wanted = ((config.cases as f64 * PROPOSALS_PER_CASE).round() as u64).min(CAP);
    let (mut written, mut events) = (0, 0);
    let mut offset = 0;
    while written < wanted && offset < 20 * 500 {
        let query = CaseQuery {
            state: Some(StateFilter::Is(thads_core::CaseState::WithoutMeans)),
            category: Some(Category::NganSach),
            accepted_to: Some(config.as_of - Duration::days(5 * 365 + 60)),
            sort: CaseSort::default(),
            offset,
            limit: 500,
            ..CaseQuery::default()
        };
        let page = store.list_cases(&query)?;
        for case in &page.cases {
            if written >= wanted {
                break;
            }
            // Proposed after the case's last event (its history goes on no further), at least
            // 45 days before the demo's day.
            let drawn = config.as_of - Duration::days(between(rng, 45, 330));
            let proposed_on = case.last_event_on.map_or(drawn, |d| drawn.max(d + Duration::days(30)));
            if proposed_on > config.as_of - Duration::days(45) {
                continue;
            }
            let today = config.as_of;
            let (_, e, _) =
                crate::exemption::eligibility_of(store, rules, &setup.calendar, case.id, proposed_on, today)?;
            if !e.eligible {
                continue;
            }
            let procuracy_on = proposed_on + Duration::days(between(rng, 1, 5));
            let input = crate::exemption::ProposalInput {
                case_id: case.id,
                proposed_on,
                procuracy_on: Some(procuracy_on),
                amount: None,
                note: String::new(),
            };
            let id = crate::exemption::propose(store, &actor_on(config.as_of), rules, &setup.calendar, input)?;
            written += 1;
            // Every state of the register on every screen, in turn: decided and recorded on the
            // case, open to the procuracies' protest, waiting for the court, rejected, in effect
            // but not yet recorded, protested (waiting for the higher court).
            let state = DEMO_STATES[((written - 1) % DEMO_STATES.len() as u64) as usize];
            let (decided_on, recorded_on) = match state {
                ProposalState::Waiting => continue,
                // Decided days ago: the windows (7 and 15 days from a receipt up to 5 working
                // days later) are still open on the demo's day.
                ProposalState::InWindow => {
                    let d = config.as_of - Duration::days(between(rng, 1, 6));
                    (d.max(proposed_on), config.as_of)
                }
                // Recorded the day the decision came, its effect not yet entered on the case.
                ProposalState::ToRecord => {
                    let d = (proposed_on + Duration::days(between(rng, 25, 40))).min(config.as_of - Duration::days(30));
                    (d, d + Duration::days(1))
                }
                // Decided at least 30 days ago: the windows have run, the effect is recorded.
                _ => {
                    let d = (proposed_on + Duration::days(between(rng, 25, 40))).min(config.as_of - Duration::days(30));
                    (d, config.as_of)
                }
            };
            if decided_on > config.as_of || recorded_on > config.as_of {
                continue;
            }
            let result = match (state, e.kind) {
                (ProposalState::Rejected, _) => CourtResult::Rejected,
                (_, Some(ReliefKind::Giam)) => CourtResult::Giam(e.max_reduction.unwrap_or(e.remainder)),
                (_, _) => CourtResult::Mien,
            };
            let decision = CourtDecision {
                decided_on,
                result,
                on_protest: false,
                protested: state == ProposalState::Protested,
                received_by_higher_procuracy_on: None,
            };
            let input = crate::exemption::DecisionInput {
                decision_no: format!("{}/{}/QĐ-MGTHA", written, decided_on.year()),
                decision,
            };
            let decided = crate::exemption::decide(store, &actor_on(recorded_on), rules, &setup.calendar, id, input)?;
            events += u64::from(decided.changed.is_some());
        }
        if !page.more {
            break;
        }
        offset += 500;
    }
    Ok((written, events))
}
