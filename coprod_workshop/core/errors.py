"""Errors the model raises, each with a message a facilitator can read."""


class DocumentError(ValueError):
    """A stored document (session, plan, template) cannot be used as it is.

    The message says what is wrong in plain words, for example
    ``"step 3 has no title"``; callers add which file it came from.
    """


class NewerSchemaError(DocumentError):
    """The document was written by a newer version of the app."""
