//! Public receptions of citizens (issue 13). Booking a place and managing
//! it with the manage link live in `book` and `manage`.

pub mod book;
pub mod manage;
