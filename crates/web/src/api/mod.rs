//! The JSON API under `/api/v1`. Errors come back as `application/problem+json`
//! (see [`crate::error::render_errors`]).

pub mod appeals;
pub mod bookings;
pub mod calendar;
pub mod institutions;
pub mod log;
pub mod me;
pub mod openapi;
pub mod params;
pub mod receptions;
pub mod staff;
pub mod staff_receptions;
pub mod territories;
