//! The status code's family (contract §1): the first thing every surface says.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    BadGateway,
    ServiceUnavailable,
    GatewayTimeout,
    /// Cloudflare-style 520–527 and 530: the CDN reached (or failed to reach) the origin.
    OriginError,
    ServerError,
    ClientError,
    Ok,
}

impl Family {
    pub fn of(status: u16) -> Family {
        match status {
            502 => Family::BadGateway,
            503 => Family::ServiceUnavailable,
            504 => Family::GatewayTimeout,
            520..=527 | 530 => Family::OriginError,
            500..=599 => Family::ServerError,
            400..=499 => Family::ClientError,
            _ => Family::Ok,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Family::BadGateway => "bad_gateway",
            Family::ServiceUnavailable => "service_unavailable",
            Family::GatewayTimeout => "gateway_timeout",
            Family::OriginError => "origin_error",
            Family::ServerError => "server_error",
            Family::ClientError => "client_error",
            Family::Ok => "ok",
        }
    }

    /// A gateway failure: the statuses explain502 explains and retries (and whose absence
    /// means "the site is back").
    pub fn is_gateway_failure(self) -> bool {
        matches!(
            self,
            Family::BadGateway
                | Family::ServiceUnavailable
                | Family::GatewayTimeout
                | Family::OriginError
        )
    }
}

/// What a page's own status says to a surface that watches whole pages (the extension's
/// worker and panel): one rule, so no surface compares status numbers of its own.
///
/// The same number could mean something else: a 4xx page may be a bot check or a firewall's
/// block (the core's `challenge` reads those when they come as a gateway failure); here it only
/// says that the tab shows a page the gateway did not fail, so whatever outage the tab showed
/// before is over. Whether the *site* is back is the recovery machine's rule
/// (`recovery::Answer::of`, stricter: 401/403/404 there are not "back").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStatus {
    /// Not an HTTP status (0: the browser did not say): the page itself must be read.
    Unknown,
    /// The page loaded (1xx–4xx, or a code above 599 that no gateway sends for a failure): an
    /// older outage of the tab is over.
    Fine,
    /// A 5xx: explain it; the Report says whether it is an outage (a gateway failure that is
    /// not a challenge) or the app's own error.
    Explain,
}

impl PageStatus {
    pub fn of(status: u16) -> PageStatus {
        if !(100..=999).contains(&status) {
            return PageStatus::Unknown;
        }
        match Family::of(status) {
            Family::Ok | Family::ClientError => PageStatus::Fine,
            _ => PageStatus::Explain,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PageStatus::Unknown => "unknown",
            PageStatus::Fine => "fine",
            PageStatus::Explain => "explain",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Family, PageStatus};

    #[test]
    fn a_page_is_explained_in_5xx_fine_below_and_unknown_without_a_status() {
        for (status, kind) in [
            (0, "unknown"),
            (99, "unknown"),
            (1000, "unknown"),
            (100, "fine"),
            (200, "fine"),
            (304, "fine"),
            (403, "fine"),
            (429, "fine"),
            (499, "fine"),
            (500, "explain"),
            (502, "explain"),
            (503, "explain"),
            (530, "explain"),
            (599, "explain"),
            (600, "fine"),
            (999, "fine"),
        ] {
            assert_eq!(PageStatus::of(status).as_str(), kind, "status {status}");
        }
        // Every gateway failure is explained.
        for status in 100..1000 {
            if Family::of(status).is_gateway_failure() {
                assert_eq!(
                    PageStatus::of(status),
                    PageStatus::Explain,
                    "status {status}"
                );
            }
        }
    }

    #[test]
    fn families_follow_the_contract() {
        let cases = [
            (200, "ok"),
            (301, "ok"),
            (404, "client_error"),
            (429, "client_error"),
            (500, "server_error"),
            (501, "server_error"),
            (502, "bad_gateway"),
            (503, "service_unavailable"),
            (504, "gateway_timeout"),
            (505, "server_error"),
            (520, "origin_error"),
            (527, "origin_error"),
            (528, "server_error"),
            (530, "origin_error"),
        ];
        for (status, family) in cases {
            assert_eq!(Family::of(status).as_str(), family, "status {status}");
        }
    }

    #[test]
    fn only_gateway_statuses_count_as_gateway_failures() {
        let failing: Vec<u16> = (100..600)
            .filter(|s| Family::of(*s).is_gateway_failure())
            .collect();
        let mut expected = vec![502, 503, 504, 530];
        expected.extend(520..=527);
        expected.sort();
        assert_eq!(failing, expected);
    }
}
