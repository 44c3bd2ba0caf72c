"""Channels in and out: every inbound message goes through `services.message_ingest`."""
