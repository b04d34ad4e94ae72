"""Write operations of the communities app (one module per area)."""
