//! The browser's own view. Two questions: is the visitor online at all (`navigator.onLine`,
//! and a fetch of a reference URL on a second, unrelated origin — the base URL), and what did
//! the site answer them (the status they saw, or got by fetching it)?
//!
//! Offline means "just you", whatever the others say. Otherwise a gateway or server error
//! seen by the visitor is `down` from where they sit, and anything else `up`; this is the
//! visitor's own view, so the verdict does not count it as an independent vote.

use super::{Answer, Fetched, Reading};
use crate::prelude::*;
use crate::status::Family;

pub fn read(online: bool, reference: Fetched, site_status: Option<u16>) -> Reading {
    let reference_failed = matches!(reference, Fetched::Failed | Fetched::TimedOut { .. });
    if !online || reference_failed {
        let mut reading = Reading::unknown(if online {
            "the reference site did not answer either: your connection looks down"
        } else {
            "your browser is offline"
        });
        reading.visitor_offline = true;
        return reading;
    }
    let Some(status) = site_status else {
        return Reading::unknown("the site gave the browser no readable answer");
    };
    let mut detail = String::from("your browser got HTTP ");
    detail.push_str(&status.to_string());
    let answer = if Family::of(status).is_gateway_failure() || status >= 500 {
        Answer::Down
    } else {
        Answer::Up
    };
    Reading::new(answer, &detail)
}
