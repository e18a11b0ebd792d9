package io.flinkcertify.harness.gate;

/** What to do with a job: move it, wait, or move it back (or keep it) on YARN. */
public enum Advice { MIGRATE, HOLD, ROLLBACK }
