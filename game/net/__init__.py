"""Networked play: an authoritative server, clients for seats, the projector and the
facilitator (see docs/seminar.md)."""
