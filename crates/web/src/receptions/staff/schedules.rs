//! Recurring schedules (filled in below).
