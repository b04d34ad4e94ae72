"""Pages of the concierge app, one module per area, each with its own ``urlpatterns``."""
