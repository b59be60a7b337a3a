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

#[cfg(test)]
mod tests {
    use super::Family;

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
