//! The text fields of an asset and of a coercion plan: their names for messages and limits.

use crate::field::{Field, Kind};

pub const DESCRIPTION: Field =
    Field { vi: "mô tả tài sản", en: "description of the asset", max_chars: 2000, kind: Kind::Text };
pub const LOCATION: Field = Field { vi: "nơi có tài sản", en: "location", max_chars: 300, kind: Kind::Line };
pub const OWNER: Field = Field { vi: "chủ sở hữu", en: "owner", max_chars: 200, kind: Kind::Line };
pub const ENCUMBRANCES: Field =
    Field {
        vi: "thế chấp, quyền của người thứ ba", en: "encumbrances", max_chars: 2000, kind: Kind::Text
    };
pub const DECISION: Field =
    Field { vi: "số quyết định kê biên", en: "seizure decision", max_chars: 64, kind: Kind::Code };
pub const PLACE: Field =
    Field { vi: "địa điểm cưỡng chế", en: "place of the coercion", max_chars: 300, kind: Kind::Line };
