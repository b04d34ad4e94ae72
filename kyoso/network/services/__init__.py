"""Writes of the network app: introductions and blocks (``introductions``), advisors and
advice requests (``advice``)."""
