"""Missions for outside talent (副業・兼業, internships, relocation; seeds 002 and 003)."""
