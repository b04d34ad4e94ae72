"""Writes of the hubs app: hubs and spaces (``hubs``), bookings (``bookings``), series
(``series``) and the desk (``desk``: approvals, check-in, no-shows, payments)."""
