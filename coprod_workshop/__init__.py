"""coprod-workshop: run an in-room co-production workshop on a shared screen."""

__version__ = "0.1.0"
APP_NAME = "coprod-workshop"
