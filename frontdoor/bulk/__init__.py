"""Rows in bulk: plain multi-row INSERTs for the few places that write thousands of rows at
once (a police batch's contacts and match results; a synthetic county for benchmarks). One
inserter, so both convert each value for the database the same way (`insert.insert_rows`)."""
