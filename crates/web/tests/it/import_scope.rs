//! Web imports on the uploader's authority: every role × every file kind (units, cases, events,
//! targets) × a unit inside / outside the chosen one, as CSV and XLSX whose first rows hold no
//! values (`,,,`, spaces, a blank A1 — an earlier check took such a row for the header while
//! the importer skipped it). The expected outcome is asked of `thads_core::access::authorize`
//! with the action a direct change would ask; a refused file writes nothing.

use reqwest::StatusCode;
use thads_app::{Actor, NewRecord};
use thads_core::access::{Action, Principal, authorize};
use thads_core::{Event, EventCode, Login, Role, StaffId, UnitCode, UnitId, UnitKind, UnitTree};
use thads_store::{NewStaff, NewUnit, ScanFilter, Store};
use thads_testkit::facts;
use time::macros::date;

use crate::common::{PASSWORD, TestApp, login_of};
use crate::import::finished;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Units,
    Cases,
    Events,
    Targets,
}

/// How the file is written: a CSV file or a workbook sheet, with a first row that has no values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    CsvCommas,
    CsvSpaces,
    XlsxBlankA1,
}

/// Everything an import may write, to tell that a refused file wrote nothing.
#[derive(Debug, PartialEq, Eq)]
struct Landed {
    units: usize,
    staff: usize,
    cases: u64,
    events: usize,
    targets: usize,
}

fn landed(store: &dyn Store) -> Landed {
    let mut events = 0;
    store
        .scan_histories(&ScanFilter::default(), &mut |h| {
            events += h.records.len();
            Ok(())
        })
        .unwrap();
    Landed {
        units: store.units().unwrap().len(),
        staff: store.staff().unwrap().len(),
        cases: store.case_count().unwrap(),
        events,
        targets: store.targets().unwrap().len(),
    }
}

/// A province outside BG (HN → HN-KV1, with an officer) and one person of every role in BG.
struct World {
    hn: UnitId,
    hn_region: UnitId,
    hn_officer: StaffId,
    bg_staff: Vec<(Role, StaffId)>,
}

fn unit(tx: &mut dyn thads_store::WriteTx, code: &str, kind: UnitKind, parent: UnitId) -> UnitId {
    let code = UnitCode::new(code).unwrap();
    let new = NewUnit {
        name: code.to_string(),
        code,
        kind,
        parent: Some(parent),
        valid_from: None,
        valid_to: None,
        successor: None,
    };
    tx.insert_unit(&new).unwrap()
}

pub fn staff(tx: &mut dyn thads_store::WriteTx, unit: UnitId, login: &str, role: Role) -> StaffId {
    let hash = thads_web::accounts::hash_password(PASSWORD).unwrap();
    let new = NewStaff { unit, login: Login::new(login).unwrap(), full_name: login.into(), role };
    let id = tx.insert_staff(&new).unwrap();
    tx.set_password(id, &hash, time::OffsetDateTime::now_utc()).unwrap();
    id
}

fn world(app: &TestApp) -> World {
    app.db(|store| world_in(store, app.units.national, app.units.province))
}

fn world_in(store: &dyn Store, national: UnitId, province: UnitId) -> World {
    let mut tx = store.begin().unwrap();
    let hn = unit(tx.as_mut(), "HN", UnitKind::Province, national);
    let hn_region = unit(tx.as_mut(), "HN-KV1", UnitKind::Region, hn);
    let hn_officer = staff(tx.as_mut(), hn_region, "officer.hn", Role::Officer);
    let bg_staff = Role::ALL.iter().map(|r| (*r, staff(tx.as_mut(), province, &bg_login(*r), *r))).collect();
    tx.commit().unwrap();
    World { hn, hn_region, hn_officer, bg_staff }
}

fn bg_login(role: Role) -> String {
    format!("{}.bg", role.code())
}

/// A case verified with means, ready for a postponement.
fn verified_case(app: &TestApp, unit: UnitId, no: &str, officer: StaffId) {
    let actor = Actor { login: "test".into(), at: time::OffsetDateTime::now_utc() };
    let rules = thads_core::Rules::default();
    let mut f = facts(unit, no, date!(2025 - 10 - 06), 5_000_000);
    f.officer = Some(officer);
    app.db(|store| {
        let created = thads_app::cases::record::create_case(store, &actor, &rules, f).unwrap();
        let with_means = Event { date: date!(2025 - 10 - 20), code: EventCode::WithMeans, amount: None, ground: None };
        let case = created.case;
        thads_app::cases::record::record(store, &actor, &rules, case.id, case.version, NewRecord::event(with_means))
            .unwrap();
    });
}

/// One attempt's file: its header and its one data row, writing into `unit` (`code`), and the
/// domain actions that row asks.
struct Attempt {
    header: Vec<&'static str>,
    row: Vec<String>,
    actions: Vec<Action>,
}

fn attempt(app: &TestApp, w: &World, kind: Kind, inside: bool, n: usize) -> Attempt {
    let (unit, code, officer) = match inside {
        true => (app.units.region1, "BG-KV1", app.staff[&login_of(Role::Officer)]),
        false => (w.hn_region, "HN-KV1", w.hn_officer),
    };
    match kind {
        Kind::Units => {
            let (parent, parent_code) = if inside { (app.units.province, "BG") } else { (w.hn, "HN") };
            Attempt {
                header: vec!["code", "name", "parent", "kind"],
                row: vec![
                    format!("{parent_code}-T{n}"),
                    format!("Khu vực thử {n}"),
                    parent_code.into(),
                    "region".into(),
                ],
                actions: vec![Action::Import { unit: parent }],
            }
        }
        Kind::Cases => Attempt {
            header: vec![
                "unit",
                "case_no",
                "accepted_on",
                "origin",
                "judgment_type",
                "amount_vnd",
                "debtor",
                "creditor",
            ],
            row: [code, &format!("{n}/QĐ-THADS"), "02/10/2025", "chu_dong", "dan_su", "1.000", "Đỗ Văn Hải", "B"]
                .map(str::to_string)
                .to_vec(),
            actions: vec![Action::CreateCase { unit }],
        },
        Kind::Events => {
            let no = format!("{n}/QĐ-THA");
            verified_case(app, unit, &no, officer);
            Attempt {
                header: vec!["unit", "case_no", "date", "event"],
                row: [code, &no, "01/11/2025", "postponed"].map(str::to_string).to_vec(),
                actions: vec![Action::RecordEvent { unit, assigned: Some(officer), code: EventCode::Postponed }],
            }
        }
        Kind::Targets => Attempt {
            header: vec!["unit", "year", "cases_pct", "money_pct"],
            row: [code, &(2030 + n).to_string(), "82.80", "45.80"].map(str::to_string).to_vec(),
            actions: vec![Action::SetTargets { unit }],
        },
    }
}

fn file_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Units => "units",
        Kind::Cases => "cases",
        Kind::Events => "events",
        Kind::Targets => "targets",
    }
}

/// The attempt as uploaded: `(file name, bytes)`, a row without values first.
fn written(kind: Kind, form: Form, a: &Attempt) -> (String, Vec<u8>) {
    let csv = |blank: &str| {
        let text = format!("{blank}\n{}\n{}\n", a.header.join(","), a.row.join(","));
        (format!("{}.csv", file_name(kind)), text.into_bytes())
    };
    match form {
        Form::CsvCommas => csv(&",".repeat(a.header.len() - 1)),
        Form::CsvSpaces => csv("   "),
        Form::XlsxBlankA1 => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet().set_name(file_name(kind)).unwrap();
            sheet.write_string(0, 0, " ").unwrap();
            for (c, (h, v)) in a.header.iter().zip(&a.row).enumerate() {
                sheet.write_string(1, c as u16, *h).unwrap();
                sheet.write_string(2, c as u16, v).unwrap();
            }
            ("so thu ly.xlsx".to_string(), book.save_to_buffer().unwrap())
        }
    }
}

/// Whether the import may write the attempt's row when `who` imports into BG: `Import` on the
/// chosen unit and on the row's unit, inside the chosen one, and the row's own actions.
fn allowed(who: &Principal, chosen: UnitId, actions: &[Action], tree: &UnitTree) -> bool {
    let may = |action| authorize(who, action, tree).is_ok();
    may(Action::Import { unit: chosen })
        && actions.iter().all(|a| tree.covers(chosen, a.unit()) && may(Action::Import { unit: a.unit() }) && may(*a))
}

#[tokio::test]
async fn every_role_every_file_kind_inside_and_outside_the_chosen_unit() {
    let app = TestApp::spawn().await;
    let w = world(&app);
    let tree = UnitTree::new(app.db(|store| store.units()).unwrap());
    let (mut failures, mut checked, mut imported) = (Vec::new(), 0, 0);
    let mut n = 0;
    for (role, id) in &w.bg_staff {
        let session = app.sign_in(&bg_login(*role)).await;
        let who = Principal { staff: *id, role: *role, unit: app.units.province };
        for kind in [Kind::Units, Kind::Cases, Kind::Events, Kind::Targets] {
            for inside in [true, false] {
                for form in [Form::CsvCommas, Form::CsvSpaces, Form::XlsxBlankA1] {
                    n += 1;
                    let a = attempt(&app, &w, kind, inside, n);
                    let expected = allowed(&who, app.units.province, &a.actions, &tree);
                    let (name, bytes) = written(kind, form, &a);
                    let before = app.db(landed);
                    let response = app.upload(&session, "BG", &[(&name, &bytes)]).await;
                    let outcome = if response.status() == StatusCode::FORBIDDEN {
                        "forbidden".to_string()
                    } else {
                        finished(&app, &session, response).await
                    };
                    let got = outcome.contains("class=\"import-file imported\"");
                    let after = app.db(landed);
                    checked += 1;
                    imported += usize::from(got);
                    let what = format!("{role} {kind:?} {form:?} inside={inside}");
                    if got != expected {
                        failures.push(format!("{what}: expected imported={expected}, got:\n{outcome}"));
                    } else if !got && after != before {
                        failures.push(format!("{what}: refused but wrote {before:?} -> {after:?}"));
                    } else if got && after == before {
                        failures.push(format!("{what}: imported but nothing landed"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} failed:\n{}", failures.len(), failures.join("\n\n"));
    assert_eq!(checked, 7 * 4 * 2 * 3);
    assert!(imported > 0 && imported < checked, "both outcomes were seen ({imported} imported)");
}

/// The probe's own case: a clerk of BG-KV1 uploads a `cases.csv` whose first line is `,,,`
/// with a row of BG-KV2; the import names the row and writes nothing.
#[tokio::test]
async fn a_leading_row_without_values_does_not_hide_another_units_row() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Clerk)).await;
    let before = app.db(landed);
    let cases = ",,,,,,,\nunit,case_no,accepted_on,origin,judgment_type,amount_vnd,debtor,creditor\n\
                 BG-KV2,77/QĐ-THADS,02/10/2025,chu_dong,dan_su,1000,A,B\n";
    let page = finished(&app, &s, app.upload(&s, "BG-KV1", &[("cases.csv", cases.as_bytes())]).await).await;
    assert!(page.contains("<td class=\"num\">3</td><td>unit</td><td>BG-KV2</td>"), "{page}");
    assert!(page.contains("ngoài phạm vi nhập của bạn (BG-KV1)"), "{page}");
    assert_eq!(app.db(landed), before);
}

/// A statistician may import cases but may not record a postponement by hand, so not through
/// an events file either; the refusal names the event.
#[tokio::test]
async fn a_role_records_through_an_import_only_what_it_may_record_by_hand() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(&login_of(Role::Statistician)).await;
    let before = app.db(landed);
    let events = "unit,case_no,date,event\nBG-KV1,46/QĐ-THADS,01/11/2025,postponed\n";
    let page = finished(&app, &s, app.upload(&s, "BG-KV1", &[("events.csv", events.as_bytes())]).await).await;
    assert!(page.contains("your role may not record «postponed»"), "{page}");
    assert_eq!(app.db(landed), before);
}
