//! The guard of the subcommands that write synthetic data into `--db` (`pg-import`, `writers`,
//! `report`'s live runs, `import --pg`): a database that already holds data is refused, by the
//! very check `thads demo` makes (`thads_app::demo::is_empty`), unless the operator says they
//! know what the benchmark writes.

use thads_cli::error::CliError;
use thads_store::Store;

/// The flag that lets a benchmark write into a database that already holds data.
pub const FLAG: &str = "--i-know-this-writes-synthetic-data";

#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Consent {
    /// Cho phép ghi dữ liệu tổng hợp vào cơ sở dữ liệu đã có dữ liệu (chỉ dùng trên bản sao để
    /// đo) / allow writing synthetic data into a database that already holds data (only on a
    /// copy made for measuring)
    #[arg(long = "i-know-this-writes-synthetic-data")]
    given: bool,
}

impl Consent {
    /// Refuses `store` when it holds units or cases and consent was not given; `what` names the
    /// subcommand in the message.
    pub fn check(self, store: &dyn Store, what: &str) -> Result<(), CliError> {
        if self.given || thads_app::demo::is_empty(store)? {
            return Ok(());
        }
        Err(CliError::Refused(format!(
            "`thads-bench {what}` ghi dữ liệu tổng hợp vào cơ sở dữ liệu, mà cơ sở dữ liệu này đã có dữ liệu \
             (đơn vị hoặc việc); hãy dùng một cơ sở dữ liệu mới, hoặc thêm {FLAG} nếu đây là bản sao để đo / \
             `thads-bench {what}` writes synthetic data and this database already holds data (units or \
             cases): use a new database, or add {FLAG} if it is a copy made for measuring"
        )))
    }
}
