//! Capability arithmetic (readiness allocation, delivery performance). Being built.
