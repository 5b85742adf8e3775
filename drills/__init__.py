"""Reliability drills (`make drills`; docs/reliability.md). Each drill runs on loopback, bounded
in time, against a PostgreSQL database of its own, and prints one line:
`drill <name> result=pass|fail <figures>`."""
