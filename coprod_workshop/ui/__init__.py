"""Qt windows and widgets: the facilitator console and the projector."""
