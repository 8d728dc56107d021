//! Working-day calendar (stub; being written).
