//! Reading Heroku's router lines (H10, H12, H13, H14…): one line in, a finding or none.

use super::*;

pub(super) fn heroku(line: &[u8]) -> Option<Finding<'_>> {
    // `at=error code=H10 desc="App crashed" …`; older `Error H10 (App crashed) -> …`;
    // `Error R14 (Memory quota exceeded)`.
    let code: &[u8] = if let Some(c) = after(line, b"code=").filter(|_| contains(line, b"at=error"))
    {
        c.get(..3)?
    } else if let Some(at) = find(line, b"Error R1").or_else(|| find(line, b"Error H")) {
        line.get(at + 6..at + 9)?
    } else {
        return None;
    };
    let (_, causes) = codes::HEROKU.iter().find(|(c, _)| *c == code)?;
    let mut f = finding(GatewayId::Heroku, causes, false, codes::HEROKU_SRC);
    f.request = after(line, b"path=")
        .map(|r| until(r.strip_prefix(b"\"").unwrap_or(r), b'"'))
        .map(|r| until(r, b' '))
        .and_then(non_empty);
    f.upstream = word_after(line, b"dyno=");
    f.at = time::ymd(line);
    Some(f)
}
