//! A preview: an error page opened while the site is up (the file opened directly, an example
//! on a site, a link shared after the outage). The page is served with the status of whatever
//! served it, and a status below 500 is no outage: the page shows what visitors would see,
//! says it is a preview, and never recovers (reloading would find the same page, forever).
//!
//! The same evidence could also mean a gateway that serves the error page with 200 (an
//! `error_page 502 =200 …` set-up): that page would not retry either, which is the safe side;
//! docs/operators/ keep the status.

/// Whether a page served with `served_status` is a preview. 0 (unknown: the browser does not
/// tell) is not: the page then trusts the status it was written for.
pub fn is_preview(served_status: u16) -> bool {
    (100..500).contains(&served_status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_500_is_a_preview() {
        for status in [200, 203, 304, 404, 499] {
            assert!(is_preview(status), "{status}");
        }
        for status in [0, 500, 502, 503, 504, 522, 599] {
            assert!(!is_preview(status), "{status}");
        }
    }
}
